import Testing
@testable import BNCharts

@Suite("Ticks and number labels")
struct AxisTests {
    @Test func niceNumbers() {
        #expect(NiceTicks.niceNumber(0.13, round: true) == 0.1)
        #expect(NiceTicks.niceNumber(2.6, round: true) == 2)
        #expect(NiceTicks.niceNumber(3.5, round: true) == 5)
        #expect(NiceTicks.niceNumber(8, round: true) == 10)
        #expect(NiceTicks.niceNumber(2.6, round: false) == 5)
        #expect(NiceTicks.niceNumber(430, round: false) == 500)
        #expect(NiceTicks.niceNumber(0, round: true) == 1)
    }

    @Test func looseLinearTicksCoverTheData() {
        let t = NiceTicks.linear(min: 0, max: 10, maxCount: 5, loose: true)
        #expect(t.values == [0, 2, 4, 6, 8, 10])
        #expect(t.lower == 0 && t.upper == 10)
        let u = NiceTicks.linear(min: 0.13, max: 2.31, maxCount: 5, loose: true)
        #expect(u.lower <= 0.13 && u.upper >= 2.31)
        #expect(u.values.count >= 3 && u.values.count <= 7)
    }

    @Test func decimalTicksPrintCleanly() {
        let t = NiceTicks.linear(min: 0.1, max: 0.7, maxCount: 7, loose: true)
        #expect(NiceTicks.labels(for: t.values) == ["0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7"])
    }

    @Test func tightTicksStayInside() {
        let t = NiceTicks.linear(min: 3, max: 97, maxCount: 5, loose: false)
        #expect(t.values.allSatisfy { $0 >= 3 && $0 <= 97 })
        #expect(t.lower == 3 && t.upper == 97)
        #expect(t.values == [20, 40, 60, 80])
    }

    @Test func degenerateRangesAreWidened() {
        let t = NiceTicks.linear(min: 5, max: 5, maxCount: 5, loose: true)
        #expect(t.lower < 5 && t.upper > 5)
        let z = NiceTicks.linear(min: 0, max: 0, maxCount: 3, loose: true)
        #expect(z.lower < 0 && z.upper > 0)
        let n = NiceTicks.linear(min: .nan, max: .infinity, maxCount: 3, loose: true)
        #expect(n.lower.isFinite && n.upper.isFinite)
    }

    @Test func logTicksArePowersOfTen() {
        #expect(NiceTicks.logarithmic(min: 1, max: 100, maxCount: 5).values == [1, 10, 100])
        let t = NiceTicks.logarithmic(min: 0.02, max: 2.3, maxCount: 6)
        #expect(t.values == [0.01, 0.1, 1, 10])
        let wide = NiceTicks.logarithmic(min: 1e-6, max: 1e6, maxCount: 4)
        #expect(wide.values.count <= 4)
        #expect(NiceTicks.logarithmic(min: 5, max: 5, maxCount: 3).values == [1, 10])
    }

    @Test func compactLabels() {
        #expect(NumberFormat.compact(0.35) == "0.35")
        #expect(NumberFormat.compact(1200) == "1.2k")
        #expect(NumberFormat.compact(3e-4) == "3e-4")
        #expect(NumberFormat.compact(0.00025) == "2.5e-4")
        #expect(NumberFormat.compact(0) == "0")
        #expect(NumberFormat.compact(12.5) == "12.5")
        #expect(NumberFormat.compact(999.6) == "1k")
        #expect(NumberFormat.compact(15_000) == "15k")
        #expect(NumberFormat.compact(1_500_000) == "1.5M")
        #expect(NumberFormat.compact(-2.5) == "-2.5")
        #expect(NumberFormat.compact(0.012) == "0.012")
        #expect(NumberFormat.compact(2.302585) == "2.3")
        #expect(NumberFormat.compact(100) == "100")
        #expect(NumberFormat.compact(1e20) == "1e20")
        #expect(NumberFormat.compact(.nan) == "NaN")
        #expect(NumberFormat.compact(-.infinity) == "-inf")
    }

    @Test func fixedAndPercent() {
        #expect(NumberFormat.fixed(2.5, decimals: 1) == "2.5")
        #expect(NumberFormat.fixed(0.05, decimals: 2) == "0.05")
        #expect(NumberFormat.fixed(-0.001, decimals: 1) == "0.0")
        #expect(NumberFormat.fixed(3, decimals: 0) == "3")
        #expect(NumberFormat.fixed(1.50, decimals: 2, trimmingZeros: true) == "1.5")
        #expect(NumberFormat.percent(0.852) == "85.2%")
        #expect(NumberFormat.percent(1) == "100.0%")
    }

    @Test func labelsGetEnoughDigitsToDiffer() {
        let labels = NiceTicks.labels(for: [10_000, 10_010, 10_020])
        #expect(Set(labels).count == 3)
        #expect(labels[0] == "10000")
    }
}
