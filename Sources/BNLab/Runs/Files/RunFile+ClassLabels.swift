extension RunFile {
    /// The class names for tables: the header's `class_names`, extended with `class K` for any
    /// class an epoch reports beyond them (a file written without names still gets one column per
    /// class, so every row has the header's width).
    public var classLabels: [String] {
        let named = header.classNames
        let reported = epochs.reduce(0) { widest, e in
            max(widest, e.classAccuracy.count, e.trainMode?.map(\.classAccuracy.count).max() ?? 0)
        }
        return named + (named.count..<max(named.count, reported)).map { "class \($0)" }
    }
}
