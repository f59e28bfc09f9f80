/// The value of one series at a line chart's cursor (nil where the series does not reach it).
public struct CursorReading: Sendable, Hashable {
    /// The series name.
    public var name: String
    /// The series color.
    public var color: ChartColor
    /// The value at the cursor, nil outside the series.
    public var value: Double?

    /// Creates a reading.
    public init(name: String, color: ChartColor, value: Double?) {
        self.name = name
        self.color = color
        self.value = value
    }
}
