import BNCore

/// Builds a core module from a PyTorch class name and its constructor arguments, as a golden
/// file gives them (`"BatchNorm1d", {"num_features": 3, "momentum": null}`).
///
/// Arguments are checked: an argument the builder does not know is an error rather than being
/// silently ignored, so a golden case never passes with a setting bnlab did not apply.
public struct ModuleFactory {
    /// Where initial weights come from (the golden state usually overwrites them).
    public let rng: RandomSource

    /// A factory drawing initial weights from `rng`.
    public init(rng: RandomSource) { self.rng = rng }

    /// The module for `type` with `args`; throws for unknown types, unknown or mistyped arguments
    /// and for PyTorch's own construction errors.
    public func make(_ type: String, _ args: [String: JSONValue]) throws -> Module {
        var a = Arguments(type: type, values: args)
        let module: Module
        switch type {
        case "Linear":
            module = Linear(try a.int("in_features"), try a.int("out_features"),
                            bias: try a.bool("bias", default: true), rng: rng)
        case "BatchNorm1d", "BatchNorm2d", "BatchNorm3d":
            let n = try a.int("num_features"), eps = try a.double("eps", default: 1e-5)
            let momentum = try a.optionalDouble("momentum", default: 0.1)
            let affine = try a.bool("affine", default: true)
            let track = try a.bool("track_running_stats", default: true)
            switch type {
            case "BatchNorm1d": module = BatchNorm1d(n, eps: eps, momentum: momentum, affine: affine, trackRunningStats: track)
            case "BatchNorm2d": module = BatchNorm2d(n, eps: eps, momentum: momentum, affine: affine, trackRunningStats: track)
            default: module = BatchNorm3d(n, eps: eps, momentum: momentum, affine: affine, trackRunningStats: track)
            }
        case "ReLU":
            _ = try a.bool("inplace", default: false)
            module = ReLU()
        case "Flatten":
            guard try a.int("start_dim", default: 1) == 1, try a.int("end_dim", default: -1) == -1 else {
                throw FactoryError(type: type, message: "only start_dim=1, end_dim=-1 are supported")
            }
            module = Flatten()
        default:
            module = try makeMore(type, &a)
        }
        try a.checkAllUsed()
        return module
    }
}

/// A problem building a module from a golden case.
public struct FactoryError: Error, CustomStringConvertible, Sendable {
    /// The PyTorch class name.
    public var type: String
    /// What is wrong.
    public var message: String
    /// `Type: message`.
    public var description: String { "\(type): \(message)" }
}

/// Typed access to constructor arguments that remembers which were read.
struct Arguments {
    let type: String
    let values: [String: JSONValue]
    private var used: Set<String> = []

    init(type: String, values: [String: JSONValue]) {
        self.type = type
        self.values = values
    }

    private mutating func value(_ key: String) -> JSONValue? {
        used.insert(key)
        return values[key]
    }

    private func wrong(_ key: String, _ expected: String) -> FactoryError {
        FactoryError(type: type, message: "argument '\(key)' should be \(expected), got \(values[key].map { "\($0)" } ?? "nothing")")
    }

    mutating func int(_ key: String, default fallback: Int? = nil) throws -> Int {
        switch value(key) {
        case .number(let d) where d == d.rounded() && abs(d) <= Double(Int32.max): return Int(d)   // Int(1e308) would trap
        case nil, .null?: if let fallback { return fallback }
            throw FactoryError(type: type, message: "argument '\(key)' is required")
        default: throw wrong(key, "an integer")
        }
    }

    mutating func double(_ key: String, default fallback: Double) throws -> Double {
        switch value(key) {
        case .number(let d): return d
        case nil: return fallback
        default: throw wrong(key, "a number")
        }
    }

    /// A number that may be null (nil), e.g. BatchNorm's momentum; absent gives `fallback`.
    mutating func optionalDouble(_ key: String, default fallback: Double?) throws -> Double? {
        switch value(key) {
        case .number(let d): return d
        case .null?: return nil
        case nil: return fallback
        default: throw wrong(key, "a number or null")
        }
    }

    mutating func string(_ key: String, default fallback: String) throws -> String {
        switch value(key) {
        case .string(let s): return s
        case nil: return fallback
        default: throw wrong(key, "a string")
        }
    }

    mutating func bool(_ key: String, default fallback: Bool) throws -> Bool {
        switch value(key) {
        case .bool(let b): return b
        case nil: return fallback
        default: throw wrong(key, "true or false")
        }
    }

    /// An int or a list of ints (`3` or `[3, 3]`); absent gives `fallback`.
    mutating func ints(_ key: String, default fallback: [Int]? = nil) throws -> [Int] {
        switch value(key) {
        case .number(let d) where d == d.rounded() && abs(d) <= Double(Int32.max): return [Int(d)]
        case .array(let items):
            return try items.map {
                guard case .number(let d) = $0, d == d.rounded(), abs(d) <= Double(Int32.max) else { throw wrong(key, "a list of integers") }
                return Int(d)
            }
        case nil, .null?: if let fallback { return fallback }
            throw FactoryError(type: type, message: "argument '\(key)' is required")
        default: throw wrong(key, "an integer or a list of integers")
        }
    }

    /// A pair like PyTorch's `_pair`: `3` → (3, 3), `[2, 3]` → (2, 3).
    mutating func pair(_ key: String, default fallback: (Int, Int)? = nil) throws -> (Int, Int) {
        let list = try ints(key, default: fallback.map { [$0.0, $0.1] })
        switch list.count {
        case 1: return (list[0], list[0])
        case 2: return (list[0], list[1])
        default: throw wrong(key, "one or two integers")
        }
    }

    /// A pair that may be null or absent (nil).
    mutating func optionalPair(_ key: String) throws -> (Int, Int)? {
        switch values[key] {
        case nil, .null?: used.insert(key); return nil
        default: return try pair(key)
        }
    }

    /// A pair of numbers given as a two-element list (`betas: [0.9, 0.999]`); absent gives `fallback`.
    mutating func numberPair(_ key: String, default fallback: (Double, Double)) throws -> (Double, Double) {
        switch value(key) {
        case .array(let items)?:
            guard items.count == 2, case .number(let a) = items[0], case .number(let b) = items[1] else { throw wrong(key, "a list of two numbers") }
            return (a, b)
        case nil: return fallback
        default: throw wrong(key, "a list of two numbers")
        }
    }

    /// A list of objects (`schedulers: [{…}, {…}]`).
    mutating func objects(_ key: String) throws -> [[String: JSONValue]] {
        guard case .array(let items)? = value(key) else { throw wrong(key, "a list of objects") }
        return try items.map {
            guard case .object(let object) = $0 else { throw wrong(key, "a list of objects") }
            return object
        }
    }

    func checkAllUsed() throws {
        let unknown = Set(values.keys).subtracting(used).sorted()
        guard unknown.isEmpty else {
            throw FactoryError(type: type, message: "unsupported argument(s) \(unknown.joined(separator: ", "))")
        }
    }
}
