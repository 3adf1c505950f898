import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A TCP relay on 127.0.0.1 in front of a server, which a test can take down and bring back:
/// `stop()` closes every relayed connection and refuses new ones, as a server that went away
/// does; `start()` accepts again on the same port. Tests use it to play a database restart
/// without touching a server other suites share.
final class TCPProxy: Sendable {
    let port: Int
    private let targetPort: Int
    private let state = Mutex<(listener: Int32, sockets: [Int32])>((-1, []))

    /// A relay from a free port to `targetPort` on 127.0.0.1.
    init(to targetPort: Int) throws {
        self.targetPort = targetPort
        let listener = try Self.listen(port: 0)
        port = try Self.boundPort(listener)
        state.withLock { $0.listener = listener }
        acceptLoop(listener)
    }

    /// Accepts again on `port`.
    func start() throws {
        let listener = try Self.listen(port: port)
        state.withLock { $0.listener = listener }
        acceptLoop(listener)
    }

    /// Closes the listener and every relayed connection.
    func stop() {
        state.withLock { state in
            for socket in state.sockets + [state.listener] where socket >= 0 { shutdown(socket, Int32(SHUT_RDWR)) }
            for socket in state.sockets + [state.listener] where socket >= 0 { close(socket) }
            state = (-1, [])
        }
    }

    deinit { stop() }

    private func acceptLoop(_ listener: Int32) {
        Thread.detachNewThread { [self] in
            while true {
                let client = accept(listener, nil, nil)
                guard client >= 0 else { return }
                guard let upstream = try? Self.connect(port: targetPort) else {
                    close(client)
                    continue
                }
                let kept = state.withLock { state -> Bool in
                    guard state.listener == listener else { return false }
                    state.sockets += [client, upstream]
                    return true
                }
                guard kept else {
                    close(client)
                    close(upstream)
                    return
                }
                Self.pump(from: client, to: upstream)
                Self.pump(from: upstream, to: client)
            }
        }
    }

    /// Copies bytes one way until either side closes, then shuts both down.
    private static func pump(from source: Int32, to destination: Int32) {
        Thread.detachNewThread {
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while true {
                let count = read(source, &buffer, buffer.count)
                guard count > 0 else { break }
                var written = 0
                while written < count {
                    let result = buffer[written..<count].withUnsafeBytes { write(destination, $0.baseAddress, $0.count) }
                    guard result > 0 else { break }
                    written += result
                }
                guard written == count else { break }
            }
            shutdown(source, Int32(SHUT_RDWR))
            shutdown(destination, Int32(SHUT_RDWR))
        }
    }

    private static func address(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        return address
    }

    private static func listen(port: Int) throws -> Int32 {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var yes: Int32 = 1
        setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = address(port: port)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard socket >= 0, bound == 0, Glibc.listen(socket, 64) == 0 else {
            close(socket)
            throw RunTestError("proxy: cannot listen on port \(port): \(String(cString: strerror(errno)))")
        }
        return socket
    }

    private static func connect(port: Int) throws -> Int32 {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = address(port: port)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard socket >= 0, connected == 0 else {
            close(socket)
            throw RunTestError("proxy: cannot reach port \(port)")
        }
        return socket
    }

    private static func boundPort(_ socket: Int32) throws -> Int {
        var address = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let found = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) }
        }
        guard found == 0 else { throw RunTestError("proxy: getsockname failed") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
