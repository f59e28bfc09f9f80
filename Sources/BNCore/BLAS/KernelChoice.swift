import COpenBLAS

/// Which OpenBLAS kernels bnlab asks for.
///
/// OpenBLAS picks its kernels when it loads, from the CPU it recognizes. Releases older than the
/// CPU (Debian bookworm ships 0.3.21, which predates Sapphire Rapids) fall back to the Haswell
/// (AVX2) kernels on AVX-512 machines, at about two thirds of the speed. The only switch is the
/// `OPENBLAS_CORETYPE` environment variable, read at load time, so the executable re-launches
/// itself once with it set (see `bnlab`'s entry point). A user's own `OPENBLAS_CORETYPE` wins.
public enum KernelChoice {
    /// The kernel set OpenBLAS is using now, e.g. `Haswell`, `SkylakeX`.
    public static var current: String {
        guard let name = openblas_get_corename() else { return "unknown" }
        return String(cString: name)
    }

    /// The core type to request, or nil to leave OpenBLAS's choice alone.
    ///
    /// - Parameters:
    ///   - cpuFlags: the CPU's feature flags (as `/proc/cpuinfo` lists them).
    ///   - currentCore: what OpenBLAS chose (`current`).
    ///   - userChoice: the `OPENBLAS_CORETYPE` already in the environment, if any.
    public static func preferredCoreType(cpuFlags: Set<String>, currentCore: String, userChoice: String?) -> String? {
        guard userChoice == nil else { return nil }
        let avx512 = ["avx512f", "avx512bw", "avx512dq", "avx512vl", "avx512cd"]
        guard avx512.allSatisfy(cpuFlags.contains) else { return nil }
        // Only upgrade a fallback to an older AVX2 generation; a specific AVX-512 choice stays.
        let fallbacks: Set<String> = ["haswell", "zen", "sandybridge", "nehalem", "core2", "prescott"]
        return fallbacks.contains(currentCore.lowercased()) ? "SkylakeX" : nil
    }
}
