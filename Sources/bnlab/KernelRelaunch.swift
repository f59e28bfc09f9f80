import BNCore
import Foundation

/// Re-launches bnlab once with `OPENBLAS_CORETYPE` set when OpenBLAS fell back to older kernels
/// than the CPU supports (see `KernelChoice`). Does nothing when the user set the variable, when
/// the choice is already right, or when the relaunch fails (bnlab then runs as it is).
enum KernelRelaunch {
    static func ifNeeded() {
        let env = ProcessInfo.processInfo.environment
        guard env["BNLAB_KERNEL_RELAUNCHED"] == nil,
              let cpuinfo = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
              let flagsLine = cpuinfo.split(separator: "\n").first(where: { $0.hasPrefix("flags") }) else { return }
        let flags = Set(flagsLine.split(separator: " ").map(String.init))
        guard let core = KernelChoice.preferredCoreType(cpuFlags: flags, currentCore: KernelChoice.current,
                                                       userChoice: env["OPENBLAS_CORETYPE"]) else { return }
        setenv("OPENBLAS_CORETYPE", core, 1)
        setenv("BNLAB_KERNEL_RELAUNCHED", "1", 1)
        let args = CommandLine.arguments
        var argv: [UnsafeMutablePointer<CChar>?] = args.map { strdup($0) } + [nil]
        execv("/proc/self/exe", &argv)
        // Only reached when exec failed: carry on with the current kernels.
        unsetenv("BNLAB_KERNEL_RELAUNCHED")
    }
}
