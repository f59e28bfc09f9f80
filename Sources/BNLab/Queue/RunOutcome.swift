/// How a job says it ended when it returns normally.
///
/// A job that is cancelled throws ``RunCancelled`` (from ``RunControl/checkpoint()``); a job
/// that hits an error simply throws it. Both are turned into the matching state by the queue.
public enum RunOutcome: Sendable, Equatable {
    /// The work is complete.
    case done
    /// Training diverged; the message says where, e.g. `loss became NaN at step 812`.
    case diverged(String)
    /// The job could not complete, with a message saying why.
    case failed(String)
}
