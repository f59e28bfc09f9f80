extension Duration {
    /// The duration in seconds, fractions included: `seconds + attoseconds · 1e-18`.
    public var inSeconds: Double {
        Double(components.seconds) + Double(components.attoseconds) * 1e-18
    }

    /// The duration in whole milliseconds (rounded down, negative as 0), clamped to `Int32` for
    /// C timeouts such as curses' `wtimeout`.
    public var clampedMilliseconds: Int32 {
        let (seconds, atto) = components
        guard seconds >= 0 else { return 0 }
        let (ms, overflow) = seconds.multipliedReportingOverflow(by: 1000)
        if overflow { return .max }
        return max(0, Int32(clamping: ms + atto / 1_000_000_000_000_000))
    }
}
