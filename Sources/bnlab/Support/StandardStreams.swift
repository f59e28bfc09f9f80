import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Makes the standard streams safe to write whatever they are connected to: closed (`2>&-`),
/// a full disk (`2>/dev/full`), or a pipe whose reader left. Writing progress must never kill a
/// run, so errors from these writes are ignored.
enum StandardStreams {
    /// Ignores SIGPIPE (a write to a closed pipe then fails with EPIPE instead of killing the
    /// process) and opens `/dev/null` on any of descriptors 0, 1, 2 that is closed, so that no
    /// file bnlab opens later takes their place (a run file must not receive progress lines).
    static func prepare() {
        signal(SIGPIPE, SIG_IGN)
        for fd: Int32 in 0...2 where fcntl(fd, F_GETFD) == -1 && errno == EBADF {
            let null = open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY)
            if null >= 0 && null != fd {
                dup2(null, fd)
                close(null)
            }
        }
    }

    /// Writes `data` to standard output (an export, a JSON listing). When the reader left
    /// (`bnlab export RUN | head`: EPIPE) the command ends quietly with status 0, as there is
    /// nobody to write to; any other failure (a full disk) is an error naming it, status 2.
    static func writeOutput(_ data: Data) throws {
        guard let error = data.withUnsafeBytes({ writeAll(1, $0) }) else { return }
        if error == EPIPE { throw ExitCode.success }
        printError("bnlab: cannot write to standard output: \(String(cString: strerror(error)))")
        throw ExitCode(2)
    }

    /// Writes `text` to standard error, ignoring any failure (closed, full, broken pipe).
    static func writeError(_ text: String) {
        _ = Array(text.utf8).withUnsafeBytes { writeAll(2, $0) }
    }

    /// Writes every byte of `bytes` to descriptor `fd`, retrying after signals; nil when all were
    /// written, else the `errno` of the failure.
    private static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Int32? {
        var offset = 0
        while offset < bytes.count {
            let n = write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return n < 0 ? errno : EIO }
            offset += n
        }
        return nil
    }
}

/// Writes a line to standard error; failures are ignored (see ``StandardStreams``).
func printError(_ message: String) {
    StandardStreams.writeError(message + "\n")
}
