import Testing
@testable import BNCharts

@Suite("Line chart: whole text in ASCII")
struct LineChartGoldenTests {
    /// A diverged run, an epoch boundary, a labelled marker and the cursor, without colour.
    @Test func divergedRunMarkersAndCursorInASCII() {
        var chart = LineChart(series: [
            Series(name: "bn", values: (0..<30).map { (i: Int) -> Double in 2 / (1 + Double(i) / 5) }),
            Series(name: "no-bn", values: (0..<30).map { (i: Int) -> Double in i < 12 ? 2.2 - Double(i) / 20 : 1e20 }),
        ], glyphs: .ascii)
        chart.robustRange = true
        chart.markers = [ChartMarker(x: 10), ChartMarker(x: 20, label: "freeze", style: .labelled)]
        chart.cursorX = 15
        let expected = """
            * bn 0.5  o no-bn 1.0e20
            2.5+             : o^   |      |freeze
               |o            : o    |      |
              2+*ooooooo     : o    |      |
               | *      ooooo: o    |      |
            1.5+ *           ooo    |      |
               |  **         :      |      |
               |    **       :      |      |
              1+      ****   :      |      |
               |          *******   |      |
            0.5+             :   ****************    bn
               |             :      |      |     *******
              0+             :      |      |
               ++------------+-------------+-----------+
                0           10     15     20          29
            o no-bn diverged at step 12 (max 1.0e20)
            """
        #expect(chart.text(width: 44, height: 16) == expected)
    }
}
