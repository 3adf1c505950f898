/// The process exit codes of every `arco` command, after sysexits (docs/exit-codes.md).
public enum ExitStatus: Int32, Sendable, CaseIterable, CustomStringConvertible {
    /// Everything asked for was done.
    case ok = 0
    /// The thing asked about failed: a run ended failed, a check found problems.
    case failure = 1
    /// The command line was wrong.
    case usage = 64
    /// Bad input or definitions, including a run-key conflict.
    case dataError = 65
    /// A workspace, run, asset or other named thing does not exist.
    case notFound = 66
    /// The store cannot be opened.
    case unavailable = 69
    /// A bug in arco.
    case software = 70
    /// An I/O error or a corrupt store.
    case ioError = 74
    /// The store is busy; retrying is safe.
    case tempFail = 75

    /// The short name used in docs and `--json` errors.
    public var description: String {
        switch self {
        case .ok: return "ok"
        case .failure: return "failure"
        case .usage: return "usage"
        case .dataError: return "data_error"
        case .notFound: return "not_found"
        case .unavailable: return "unavailable"
        case .software: return "software"
        case .ioError: return "io_error"
        case .tempFail: return "temp_fail"
        }
    }
}
