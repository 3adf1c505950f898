import Dispatch

#if canImport(Glibc)
    import Glibc
#endif

/// While a run executes in this process, SIGINT (Ctrl-C) and SIGTERM cancel it cleanly instead
/// of killing arco and orphaning its steps (which run in their own sessions and so never see
/// the terminal's Ctrl-C themselves).
final class SignalCancellation: @unchecked Sendable {
    private var sources: [DispatchSourceSignal] = []

    init(control: RunControl) {
        for (number, name) in [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM")] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { control.cancel("interrupted (\(name))") }
            source.resume()
            sources.append(source)
        }
    }

    /// Puts the default dispositions back once the run ended.
    func restore() {
        for source in sources { source.cancel() }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }
}
