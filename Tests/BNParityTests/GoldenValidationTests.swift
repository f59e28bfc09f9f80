import BNCore
import Foundation
import Testing
@testable import BNParity

/// Malformed golden files are refused before anything is built, naming the case and field; a
/// case that would check nothing is an error, not a pass.
@Suite("Golden file validation")
struct GoldenValidationTests {
    /// The problem `json` (a whole golden file) is refused with, or nil when it validates.
    func problem(_ json: String) throws -> String? {
        let file = try JSONDecoder().decode(GoldenFile.self, from: Data(json.utf8))
        do {
            try file.validate(path: "bad.json")
            return nil
        } catch {
            return error.reason
        }
    }

    /// A file of one module case with `args` and a 2×`width` input.
    func module(_ type: String, _ args: String, width: Int = 3, extra: String = "") -> String {
        let data = Array(repeating: "0.5", count: 2 * width).joined(separator: ",")
        return #"{"cases":[{"name":"c","kind":"module","module":"\#(type)","args":\#(args),"steps":[{"input":{"shape":[2,\#(width)],"data":[\#(data)]}}]\#(extra)}]}"#
    }

    @Test("zero, negative, huge and non-integer sizes name the case and field")
    func badSizes() throws {
        #expect(try problem(module("Linear", #"{"in_features":3,"out_features":4}"#)) == nil)
        let conv = #"{"in_channels":1,"out_channels":1,"kernel_size":3,"stride":0}"#
        #expect(try problem(module("Conv2d", conv)) == "case 0 'c', field 'args.stride': is 0; it must be 1 or more")
        #expect(try problem(module("Conv2d", #"{"in_channels":1,"out_channels":1,"kernel_size":0}"#))?.contains("args.kernel_size") == true)
        #expect(try problem(module("Linear", #"{"in_features":-3,"out_features":4}"#))?.contains("args.in_features': is -3") == true)
        #expect(try problem(module("Linear", #"{"in_features":1e308,"out_features":4}"#))?.contains("not an integer") == true)
        #expect(try problem(module("Linear", #"{"in_features":1e9,"out_features":1e9}"#))?.contains("more than 16777216 parameters") == true)
    }

    @Test("tensors: batch 0, negative sizes, data that does not fill the shape, huge shapes")
    func badTensors() throws {
        let zero = #"{"cases":[{"name":"z","kind":"module","module":"ReLU","args":{},"steps":[{"input":{"shape":[0,3],"data":[]}}]}]}"#
        #expect(try problem(zero) == "case 0 'z', field 'steps[0].input.shape': size 0 at position 0; sizes must be 1 or more")
        let negative = zero.replacingOccurrences(of: "[0,3]", with: "[2,-3]")   // once a SIGSEGV
        #expect(try problem(negative) == "case 0 'z', field 'steps[0].input.shape': size -3 at position 1; sizes must be 1 or more")
        let short = #"{"cases":[{"name":"s","kind":"module","module":"ReLU","args":{},"steps":[{"input":{"shape":[2,3],"data":[1]}}]}]}"#
        #expect(try problem(short)?.contains("steps[0].input.data': has 1 values but shape [2, 3] needs 6") == true)
        let huge = #"{"cases":[{"name":"h","kind":"module","module":"ReLU","args":{},"steps":[{"input":{"shape":[1000000000,1000000000],"data":[]}}]}]}"#
        #expect(try problem(huge)?.contains("more than 16777216 elements") == true)
        let big = #"{"cases":[{"name":"b","kind":"module","module":"ReLU","args":{},"steps":[{"input":{"shape":[1],"data":[1e308]}}]}]}"#
        #expect(try problem(big)?.contains("not a finite float32") == true)
    }

    @Test("a num_batches_tracked of 2^63 − 1 is refused (the layer would overflow counting on)")
    func hugeCounter() throws {
        let state = #","state_before":{"num_batches_tracked":9223372036854775807}"#
        #expect(try problem(module("BatchNorm1d", #"{"num_features":3}"#, extra: state))
                == "case 0 'c', field 'state_before.num_batches_tracked': 9223372036854775807 is outside 0 … 2^53")
    }

    @Test("vacuous cases are errors: no cases, no steps, accumulation 0 or -1, no final_state")
    func vacuous() throws {
        #expect(try problem(#"{"cases":[]}"#)?.contains("has no cases") == true)
        #expect(try problem(#"{"cases":[{"name":"n","kind":"module","module":"ReLU","args":{}}]}"#)?.contains("'steps'") == true)
        let trajectory = { (extra: String) in
            #"{"cases":[{"name":"t","kind":"trajectory","model":[{"type":"Linear","in_features":2,"out_features":2}],"optimizer":{"lr":0.1},"batches":[{"input":{"shape":[1,2],"data":[1,2]},"target":[0]}]\#(extra)}]}"#
        }
        #expect(try problem(trajectory(#","final_state":{}"#)) == nil)
        #expect(try problem(trajectory(""))?.contains("'final_state': is missing") == true)
        #expect(try problem(trajectory(#","final_state":{},"accumulation_steps":0"#))?.contains("'accumulation_steps': is 0") == true)
        #expect(try problem(trajectory(#","final_state":{},"accumulation_steps":-1"#))?.contains("'accumulation_steps': is -1") == true)
    }

    @Test("a seed of 1e30 names the field instead of calling the file 'not valid JSON'")
    func seedOutOfRange() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("bnlab-golden-seed-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(#"{"seed": 1e30, "cases": []}"#.utf8).write(to: url)
        let error = try #require(throws: GoldenFileError.self) { try GoldenFile.load(url) }
        #expect(error.reason == "field 'seed': the number does not fit a 64-bit integer")
    }

    @Test("the runner fails a malformed case instead of building it")
    func runnerRefuses() throws {
        let file = try JSONDecoder().decode(GoldenFile.self, from: Data(module("Conv2d", #"{"in_channels":1,"out_channels":1,"kernel_size":3,"stride":0}"#).utf8))
        let result = try #require(ParityRunner().run(file).first)
        #expect(!result.passed && result.failures == ["field 'args.stride': is 0; it must be 1 or more"])
    }
}
