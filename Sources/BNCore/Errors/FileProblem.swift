import Foundation

/// A file system error in words (`no such file`, `permission denied`, `no space left on the
/// disk`) instead of Foundation's raw `NSCocoaErrorDomain error 256` text.
public enum FileProblem {
    /// What went wrong, in a few words a person can act on.
    public static func describe(_ error: any Error) -> String {
        let ns = error as NSError
        if ns.domain == NSPOSIXErrorDomain, ns.code > 0 {
            return String(cString: strerror(Int32(ns.code)))
        }
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying !== ns {
            return describe(underlying)
        }
        if ns.domain == NSCocoaErrorDomain {
            switch CocoaError.Code(rawValue: ns.code) {
            case .fileNoSuchFile, .fileReadNoSuchFile: return "no such file"
            case .fileReadNoPermission, .fileWriteNoPermission: return "permission denied"
            case .fileWriteOutOfSpace: return "no space left on the disk"
            case .fileWriteFileExists: return "it already exists"
            case .fileReadTooLarge: return "it is too large"
            case .fileReadInapplicableStringEncoding, .fileReadCorruptFile: return "it is not text in the expected encoding"
            case .fileWriteVolumeReadOnly: return "the disk is read-only"
            case .fileReadUnknown, .fileWriteUnknown: return "an input/output error"
            default: break
            }
        }
        return ns.localizedFailureReason ?? "error \(ns.code) (\(ns.domain))"
    }
}
