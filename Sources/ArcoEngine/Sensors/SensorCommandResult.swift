import ArcoCore

/// How a sensor command ended.
enum SensorCommandResult: Equatable {
    /// It exited; `output` is its whole stdout (within `Limits.sensorOutputBytesMax`).
    case exited(code: Int32, output: [UInt8], stderrTail: String)
    case signaled(Int32, stderrTail: String)
    case timedOut(Duration, stderrTail: String)
    case outputTooLarge(stderrTail: String)
    case couldNotStart(String)

    /// The evaluation's ERROR reason; nil for a clean exit.
    var failure: String? {
        switch self {
        case .exited(0, _, _): return nil
        case .exited(let code, _, let tail): return Self.reason("exited with status \(code)", tail)
        case .signaled(let signal, let tail): return Self.reason("killed by signal \(signal)", tail)
        case .timedOut(let timeout, let tail):
            return Self.reason("timed out after \(timeout.components.seconds)s; its process group was killed", tail)
        case .outputTooLarge(let tail):
            return Self.reason("printed more than \(Limits.sensorOutputBytesMax) bytes; its process group was killed", tail)
        case .couldNotStart(let why): return "could not start: \(why)"
        }
    }

    private static func reason(_ what: String, _ tail: String) -> String {
        tail.isEmpty ? "the command \(what)" : "the command \(what); stderr: \(tail)"
    }
}
