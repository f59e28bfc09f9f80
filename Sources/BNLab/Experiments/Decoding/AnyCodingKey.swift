/// A coding key made from any string or index, for containers whose keys are checked at run time.
struct AnyCodingKey: CodingKey, Hashable, Sendable, ExpressibleByStringLiteral {
    let stringValue: String
    let intValue: Int?

    init(_ string: String) {
        stringValue = string
        intValue = nil
    }

    init(stringLiteral value: String) { self.init(value) }

    init?(stringValue: String) { self.init(stringValue) }

    init?(intValue: Int) {
        stringValue = String(intValue)
        self.intValue = intValue
    }
}
