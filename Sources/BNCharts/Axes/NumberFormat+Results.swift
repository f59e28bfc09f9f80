extension NumberFormat {
    /// A result shown in a table or summary (a loss, a difference): 4 significant digits, plain when
    /// moderate and with an exponent when huge or tiny (`0.3124`, `3e30`), never a 31-digit number.
    ///
    /// Every listing (`bnlab runs`, `bnlab show`, the runs browser) formats results through this one
    /// function, so changing the rule is one edit here.
    public static func result(_ value: Double) -> String {
        NumberFormat.value(value, significantDigits: 4)
    }
}
