import ArcoCore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// What a sensor command is started with. Data (cursor, payload, names) travels only in the
/// environment and in files, never in the command text.
struct SensorCommandInvocation {
    var command: ProcessCommand
    /// Added to this process's environment (inherited `ARCO_SENSOR_*` variables are dropped).
    var environment: [String: String]
    var workingDirectory: String
    /// A file given to the command as stdin (push payloads); /dev/null without one.
    var stdinPath: String?
    var timeout: Duration
    /// Where the output files live while the command runs (below `stateFolder`).
    var scratchFolder: String
    var stateFolder: String
}
