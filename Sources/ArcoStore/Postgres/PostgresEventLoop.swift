import Logging
import NIOPosix

/// The one event loop every PostgreSQL connection of the process runs on, and the logger they
/// share.
///
/// The store is synchronous and each connection serves one caller thread at a time, so a
/// single loop thread is enough: it only moves bytes between sockets and promises, while the
/// caller threads block on the results. Created on first use, never shut down (it lives as long
/// as the process).
enum PostgresEventLoop {
    static let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)

    /// PostgresNIO logs to swift-log; arco reports through its own errors, and swift-log's
    /// default handler would print to stdout, which arco's commands own.
    static let logger = Logger(label: "arco.postgres", factory: { _ in SwiftLogNoOpLogHandler() })
}
