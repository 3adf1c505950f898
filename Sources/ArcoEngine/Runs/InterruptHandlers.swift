import Dispatch

#if canImport(Glibc)
    import Glibc
#endif

/// SIGINT and SIGTERM turned into a callback with the signal's name, for as long as a run or a
/// worker executes: they cancel cleanly instead of killing arco and orphaning its steps (which
/// run in their own sessions and so never see the terminal's Ctrl-C themselves).
public final class InterruptHandlers: @unchecked Sendable {
    private var sources: [DispatchSourceSignal] = []

    /// Installs the handlers; `handler` runs on a dispatch queue with `"SIGINT"` or `"SIGTERM"`.
    public init(_ handler: @escaping @Sendable (String) -> Void) {
        for (number, name) in [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM")] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { handler(name) }
            source.resume()
            sources.append(source)
        }
    }

    /// Puts the default dispositions back.
    public func restore() {
        for source in sources { source.cancel() }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }
}
