import BNFuzz
import Foundation

// Two ways to run the fuzz targets (see scripts/fuzz.sh):
// - libFuzzer: built with `-sanitize=fuzzer -DBNLAB_LIBFUZZER`, libFuzzer supplies `main` and calls
//   `LLVMFuzzerTestOneInput`; the target comes from $BNLAB_FUZZ_TARGET.
// - a seeded mutation fuzzer in Swift (an ordinary build): `bnlab-fuzz TARGET SECONDS CORPUS CRASHES`.

/// The target named by $BNLAB_FUZZ_TARGET (default: run-file).
let selectedTarget = FuzzTarget(rawValue: ProcessInfo.processInfo.environment["BNLAB_FUZZ_TARGET"] ?? "run-file") ?? .runFile

/// libFuzzer's entry point: one input, 0 when done.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
    guard let bytes else { selectedTarget.run(Data()); return 0 }
    selectedTarget.run(Data(bytes: bytes, count: count))
    return 0
}

#if BNLAB_LIBFUZZER
/// libFuzzer's driver (part of the `-sanitize=fuzzer` runtime).
@_silgen_name("LLVMFuzzerRunDriver")
func runLibFuzzerDriver(_ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                        _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Int32

/// The entry point SwiftPM links executables through (it renames `main`): hands over to libFuzzer.
@_cdecl("bnlab_fuzz_main")
func libFuzzerMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var count = argc
    var vector = argv
    return runLibFuzzerDriver(&count, &vector) { fuzzOneInput($0, $1) }
}
#else
/// The Swift mutation fuzzer's command line.
@main
struct SwiftFuzzerMain {
    static func main() {
        let args = CommandLine.arguments
        guard args.count == 5, let target = FuzzTarget(rawValue: args[1]), let seconds = Double(args[2]) else {
            let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: "|")
            FileHandle.standardError.write(Data("usage: bnlab-fuzz \(names) SECONDS CORPUS-DIR CRASH-DIR\n".utf8))
            exit(2)
        }
        let report = SwiftFuzzer.run(target, seconds: seconds, corpus: URL(fileURLWithPath: args[3]),
                                     crashes: URL(fileURLWithPath: args[4]))
        print(report)
    }
}
#endif
