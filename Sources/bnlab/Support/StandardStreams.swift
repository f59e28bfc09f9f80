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
        var offset = 0
        while offset < data.count {
            let n = data.withUnsafeBytes { write(1, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 && errno == EINTR { continue }
            if n < 0 && errno == EPIPE { throw ExitCode.success }
            guard n > 0 else {
                printError("bnlab: cannot write to standard output: \(String(cString: strerror(errno)))")
                throw ExitCode(2)
            }
            offset += n
        }
    }

    /// Writes `text` to standard error, ignoring any failure (closed, full, broken pipe).
    static func writeError(_ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBytes { write(2, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return }
            offset += n
        }
    }
}

/// Writes a line to standard error; failures are ignored (see ``StandardStreams``).
func printError(_ message: String) {
    StandardStreams.writeError(message + "\n")
}
