/// Facts about this build of the BNLab library.
public enum BNLabInfo {
    /// The bnlab version written into every run file header.
    public static let version = "0.1.0"
}
