import Testing
@testable import BNCharts

@Suite("One number rule: NumberFormat.value and tick labels")
struct NumberFormatValueTests {
    @Test(arguments: [
        (0.351234, "0.3512"), (12.5, "12.5"), (938, "938"), (120_000, "120000"), (0.001, "0.001"),
        (-0.00123456, "-0.001235"), (3.14e30, "3.1e30"), (2e-7, "2.0e-7"), (999_999.7, "1.0e6"),
        (1_234_567, "1.2e6"), (0.0009, "9.0e-4"), (0, "0"), (-2.5, "-2.5"), (.nan, "NaN"), (.infinity, "inf"),
    ])
    func plainInTheMiddleScientificAtTheEnds(value: Double, expected: String) {
        #expect(NumberFormat.value(value) == expected)
    }

    @Test func scientificCarriesIntoTheExponent() {
        #expect(NumberFormat.scientific(9.96e4, significantDigits: 2) == "1.0e5")
        #expect(NumberFormat.scientific(2e-3, significantDigits: 2, trimmingZeros: true) == "2e-3")
        #expect(NumberFormat.scientific(-3.14159e30, significantDigits: 3) == "-3.14e30")
    }

    @Test func tickLabelsNeverMixNotations() {
        // A diverged run's log axis: 1e-1 … 1e29 once printed as 0.1, 100T, 1G, 1e29.
        let labels = NiceTicks.labels(for: [0.1, 1e3, 1e9, 1e14, 1e29])
        #expect(labels == ["1e-1", "1e3", "1e9", "1e14", "1e29"])
        #expect(NiceTicks.labels(for: [0.1, 1, 10, 100]) == ["0.1", "1", "10", "100"])
        #expect(NiceTicks.labels(for: [0, 250_000, 500_000]) == ["0", "250000", "500000"])
        #expect(NiceTicks.labels(for: [0, 5e5, 1e6]) == ["0", "5e5", "1e6"])
    }

    @Test func logTicksUseOneTwoFiveWhenFewDecadesAreShown() {
        let t = NiceTicks.logarithmic(min: 0.12, max: 2.3, maxCount: 8)
        #expect(t.values == [0.1, 0.2, 0.5, 1, 2, 5])
        #expect(t.lower == 0.1 && t.upper == 5)
        // Many decades: whole decades, thinned to fit.
        let wide = NiceTicks.logarithmic(min: 0.1, max: 3e30, maxCount: 8)
        #expect(wide.values.count <= 8 && wide.values.count >= 4)
        #expect(NiceTicks.labels(for: wide.values).allSatisfy { $0.hasPrefix("1e") })
    }
}
