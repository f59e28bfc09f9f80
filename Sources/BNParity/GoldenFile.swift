import BNCore
import Foundation

/// A file of PyTorch reference results: `{"generator", "seed", "cases": [...]}`.
///
/// The format is described in the project's `docs/parity.md`: six kinds of case (`module`,
/// `loss`, `optimizer`, `trajectory`, `scheduler`, `init`), tensors as `{"shape": [...], "data": [...]}` in row-major
/// order, and state dicts keyed by PyTorch's names.
public struct GoldenFile: Decodable, Sendable {
    /// What produced the file (e.g. the PyTorch version).
    public var generator: String?
    /// The seed the generator used.
    public var seed: Int?
    /// The cases, in order.
    public var cases: [GoldenCase]

    /// Reads and decodes a golden file, with an error naming the file and what is wrong.
    public static func load(_ url: URL) throws -> GoldenFile {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw GoldenFileError(path: url.path, reason: "cannot be read (\(FileProblem.describe(error)))")
        }
        let file: GoldenFile
        do { file = try JSONDecoder().decode(GoldenFile.self, from: data) } catch let error as DecodingError {
            if case .dataCorrupted = error, let field = outOfRangeInteger(in: data) {
                throw GoldenFileError(path: url.path, reason: "field '\(field)': the number does not fit a 64-bit integer")
            }
            throw GoldenFileError(path: url.path, reason: describe(error))
        }
        try file.validate(path: url.path)
        return file
    }

    /// The path of the first integer field (`seed`, `accumulation_steps`, `shape`, `target`)
    /// holding a number outside `Int`, when the file is valid JSON: the decoder reports those as
    /// "not valid JSON", which would send the user looking for a syntax error.
    static func outOfRangeInteger(in data: Data) -> String? {
        guard let root = try? JSONSerialization.jsonObject(with: data) else { return nil }
        let integerFields: Set<String> = ["seed", "accumulation_steps", "shape", "target"]
        func fits(_ value: Any) -> Bool {
            guard let number = value as? NSNumber else { return true }
            return Int(exactly: number.doubleValue) != nil || (value as? Int) != nil
        }
        func find(_ value: Any, _ path: String, integer: Bool) -> String? {
            if let object = value as? [String: Any] {
                for key in object.keys.sorted() {
                    if let hit = find(object[key]!, path + "." + key, integer: integerFields.contains(key)) { return hit }
                }
            } else if let array = value as? [Any] {
                for (k, item) in array.enumerated() {
                    if let hit = find(item, path + "[\(k)]", integer: integer) { return hit }
                }
            } else if integer && !fits(value) {
                return path
            }
            return nil
        }
        return find(root, "", integer: false).map { String($0.drop { $0 == "." }) }
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        }
        switch error {
        case .dataCorrupted(let c) where !c.codingPath.isEmpty:
            // valid JSON, but a value that does not fit its field (e.g. a seed of 1e30)
            return "field '\(path(c))': \(c.debugDescription)"
        case .dataCorrupted(let c): return "is not valid JSON: \(c.underlyingError.map { "\($0)" } ?? c.debugDescription)"
        case .keyNotFound(let key, let c): return "field '\(path(c)).\(key.stringValue)' is missing"
        case .typeMismatch(_, let c), .valueNotFound(_, let c): return "field '\(path(c))': \(c.debugDescription)"
        @unknown default: return "\(error)"
        }
    }
}

/// Why a golden file could not be used.
public struct GoldenFileError: Error, CustomStringConvertible, Sendable {
    /// The file.
    public var path: String
    /// What is wrong with it.
    public var reason: String
    /// `golden file PATH: REASON`.
    public var description: String { "golden file \(path): \(reason)" }
}

/// A tensor as the golden format spells it.
public struct GoldenTensor: Codable, Sendable {
    /// Dimensions.
    public var shape: [Int]
    /// Elements, row-major.
    public var data: [Double]

    /// The float32 tensor (the inputs are exactly representable in float32).
    public var tensor: Tensor { Tensor(shape: shape, data: data.map { Float($0) }) }
}

/// A value of a state dict: a tensor or an integer (`num_batches_tracked`).
public enum GoldenStateValue: Decodable, Sendable {
    case tensor(GoldenTensor)
    case integer(Int64)

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let i = try? container.decode(Int64.self) { self = .integer(i) } else {
            self = .tensor(try container.decode(GoldenTensor.self))
        }
    }

    /// The core's state value.
    public var stateValue: StateValue {
        switch self {
        case .tensor(let t): return .tensor(t.tensor)
        case .integer(let i): return .integer(i)
        }
    }
}

/// A JSON value of a constructor argument (`num_features: 3`, `momentum: null`, `kernel_size: [3, 3]`).
public enum JSONValue: Decodable, Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let d = try? c.decode(Double.self) { self = .number(d) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let a = try? c.decode([JSONValue].self) { self = .array(a) }
        else { self = .object(try c.decode([String: JSONValue].self)) }
    }
}

/// One step of a module case (forward and backward) or of an optimizer case.
public struct GoldenStep: Decodable, Sendable {
    public var input: GoldenTensor?
    public var output: GoldenTensor?
    public var gradOutput: GoldenTensor?
    public var gradInput: GoldenTensor?
    public var paramGrads: [String: GoldenTensor]?
    public var grad: GoldenTensor?
    public var paramAfter: GoldenTensor?
    /// The optimizer's state for the parameter after the step (`step`, `exp_avg`, …).
    public var state: [String: GoldenStateValue]?

    enum CodingKeys: String, CodingKey {
        case input, output, grad, state
        case gradOutput = "grad_output", gradInput = "grad_input", paramGrads = "param_grads"
        case paramAfter = "param_after"
    }
}

/// One training batch of a trajectory case.
public struct GoldenBatch: Decodable, Sendable {
    public var input: GoldenTensor
    public var target: [Int]
}

/// One case of a golden file; which fields are present depends on `kind`.
public struct GoldenCase: Decodable, Sendable {
    public var name: String
    public var kind: String
    public var module: String?
    public var args: [String: JSONValue]?
    public var mode: String?
    public var note: String?
    public var error: String?
    public var stateBefore: [String: GoldenStateValue]?
    public var stateAfter: [String: GoldenStateValue]?
    public var steps: [GoldenStep]?
    // loss
    public var input: GoldenTensor?
    public var target: [Int]?
    public var output: Double?
    public var gradInput: GoldenTensor?
    // optimizer
    public var paramBefore: GoldenTensor?
    // trajectory
    public var model: [[String: JSONValue]]?
    public var optimizer: [String: JSONValue]?
    public var accumulationSteps: Int?
    public var frozen: String?
    public var bnEvalDuringTraining: Bool?
    public var initialState: [String: GoldenStateValue]?
    public var batches: [GoldenBatch]?
    public var losses: [Double]?
    public var finalState: [String: GoldenStateValue]?
    public var evalOutputOnFirstBatch: GoldenTensor?
    // trajectory (optional) and scheduler
    public var scheduler: [String: JSONValue]?
    // scheduler
    public var lrs: [Double]?
    // init
    public var function: String?
    public var shape: [Int]?
    public var scale: Double?
    public var seed: Int?
    public var std: Double?
    public var bound: Double?
    public var sample: GoldenSample?

    enum CodingKeys: String, CodingKey {
        case name, kind, module, args, mode, note, error, steps, input, target, output, model
        case optimizer, frozen, batches, losses, scheduler, lrs, function, shape, scale, seed, std, bound, sample
        case stateBefore = "state_before", stateAfter = "state_after", gradInput = "grad_input"
        case paramBefore = "param_before", accumulationSteps = "accumulation_steps"
        case bnEvalDuringTraining = "bn_eval_during_training", initialState = "initial_state"
        case finalState = "final_state", evalOutputOnFirstBatch = "eval_output_on_first_batch"
    }
}

/// Summary statistics of one initialization draw.
public struct GoldenSample: Decodable, Sendable {
    public var mean: Double
    public var std: Double
    public var min: Double
    public var max: Double
}
