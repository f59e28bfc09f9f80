import BNTUI
import CNcursesw
import Foundation

/// Signal handling that keeps the terminal usable whatever happens.
///
/// - SIGINT, SIGTERM, SIGHUP only set a flag; the app loop sees it within one frame, leaves, and
///   the terminal is restored normally (`endwin`). A second such signal before that restores the
///   terminal at once and exits.
/// - Crashes (SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP) first write the terminal's
///   "leave full-screen" sequences, prepared in advance, and reset the saved tty modes (both
///   async-signal-safe), then hand the signal to whoever handled it before (e.g. the Swift
///   runtime's backtracer): a fault is re-executed on return and reaches that handler with its
///   own context; a signal sent by a process (`kill`, `abort`) gets the default action (the
///   process ends).
///
/// State lives in statics touched only from the main thread and from handlers; the handlers only
/// read them and store one `sig_atomic_t`.
enum SignalTrap {
    /// The signal that asked the loop to stop, 0 when none.
    nonisolated(unsafe) private static var pending: sig_atomic_t = 0
    /// Bytes that leave curses mode: `sgr0 cnorm rmkx rmcup` from terminfo.
    nonisolated(unsafe) private static var rescueBytes: UnsafeMutablePointer<UInt8>?
    nonisolated(unsafe) private static var rescueLength = 0
    /// The tty modes before curses changed them.
    nonisolated(unsafe) private static var savedModes = termios()
    nonisolated(unsafe) private static var hasSavedModes: sig_atomic_t = 0
    /// Whether curses is active (restoration needed).
    nonisolated(unsafe) static var cursesActive: sig_atomic_t = 0
    /// The dispositions replaced, indexed by signal number.
    nonisolated(unsafe) private static var previous: UnsafeMutablePointer<sigaction>?
    nonisolated(unsafe) private static var installed = false

    static let stopSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP]
    static let crashSignals: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP]

    /// Saves the tty modes and installs the handlers (once).
    static func install() {
        // Touch every static first so no lazy initialization happens inside a handler.
        pending = 0
        cursesActive = 0
        rescueLength = 0
        if tcgetattr(STDIN_FILENO, &savedModes) == 0 { hasSavedModes = 1 }
        guard !installed else { return }
        installed = true
        let table = UnsafeMutablePointer<sigaction>.allocate(capacity: 65)
        table.initialize(repeating: sigaction(), count: 65)
        previous = table
        for sig in stopSignals { install(sig, handler: { sig in SignalTrap.stopRequested(sig) }) }
        for sig in crashSignals {
            var action = sigaction()
            action.__sigaction_handler.sa_sigaction = { sig, info, _ in SignalTrap.crashed(sig, code: info?.pointee.si_code ?? 0) }
            sigemptyset(&action.sa_mask)
            action.sa_flags = SA_SIGINFO
            sigaction(sig, &action, table + Int(sig))
        }
    }

    /// Puts back the dispositions found at ``install()``.
    static func uninstall() {
        guard installed, let previous else { return }
        for sig in stopSignals + crashSignals { sigaction(sig, previous + Int(sig), nil) }
        installed = false
    }

    /// Prepares the bytes written on a crash.
    static func setRescue(_ bytes: [UInt8]) {
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, bytes.count))
        buffer.initialize(from: bytes, count: bytes.count)
        let old = rescueBytes
        rescueBytes = buffer
        rescueLength = bytes.count
        old?.deallocate()
    }

    /// The stop signal received since the last call, if any (clears it).
    static func takePending() -> Int32? {
        let sig = pending
        guard sig != 0 else { return nil }
        pending = 0
        return sig
    }

    private static func install(_ sig: Int32, handler: @convention(c) (Int32) -> Void) {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = handler
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0     // no SA_RESTART: a blocking read returns, the loop checks the flag
        sigaction(sig, &action, previous.map { $0 + Int(sig) })
    }

    /// Leaves full-screen mode with async-signal-safe calls only.
    private static func rescueTerminal() {
        guard cursesActive != 0 else { return }
        cursesActive = 0
        if let bytes = rescueBytes, rescueLength > 0 { _ = write(STDOUT_FILENO, bytes, rescueLength) }
        if hasSavedModes != 0 { tcsetattr(STDIN_FILENO, TCSANOW, &savedModes) }
    }

    private static func stopRequested(_ sig: Int32) {
        if pending != 0 {
            // Asked twice: the loop is not getting to it, so restore now and leave.
            rescueTerminal()
            _exit(128 + sig)
        }
        pending = sig
    }

    private static func crashed(_ sig: Int32, code: Int32) {
        rescueTerminal()
        if code > 0 {
            // A real fault: put the previous handler back; the faulting instruction runs again when
            // this returns and the fault reaches it (the Swift runtime prints its backtrace).
            if let previous { sigaction(sig, previous + Int(sig), nil) }
        } else {
            // Sent by a process (kill, abort): take the default action, which ends the process once
            // this handler returns and the raised signal is delivered.
            var action = sigaction()
            action.__sigaction_handler.sa_handler = SIG_DFL
            sigemptyset(&action.sa_mask)
            sigaction(sig, &action, nil)
            raise(sig)
        }
    }
}
