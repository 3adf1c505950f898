import Foundation

/// Where the end-to-end test stops a leading daemon from inside (`ARCO_STOP_POINT=daemon-before-write`):
/// with SIGSTOP, after the pass decided to run its schedules part and before that part writes,
/// i.e. a leader paused between deciding and writing. Its lease thread is held meanwhile, so after
/// SIGCONT the part's write, not a renewal, is the first to meet the new leader's token, and the
/// test sees the fence itself refuse a write (`fenced` with subject `fence`). Unset, this is one
/// `getenv` per process.
enum DaemonStopPoint {
    static let name = "daemon-before-write"
    static let isSet: Bool = getenv("ARCO_STOP_POINT").map { String(cString: $0) == name } ?? false
}
