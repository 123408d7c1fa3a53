import Dispatch
import Glibc
import Synchronization

/// The demo's "stop now" flag: set by SIGINT or SIGTERM, read by the producer and the display loop.
///
/// The signals are taken from their default action (which would kill the process mid-batch) and delivered
/// through a dispatch source, so the demo ends the way its duration would: publishing stops, Eddy finishes
/// its batch, flushes and commits, and the final summary is printed.
// @unchecked: `sources` is written once in init and never touched again; the flag is atomic.
final class DemoStop: @unchecked Sendable {
    private let flag = Atomic(false)
    private let sources: [any DispatchSourceSignal]

    /// Installs the SIGINT and SIGTERM handlers.
    init() {
        var sources: [any DispatchSourceSignal] = []
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            sources.append(source)
        }
        self.sources = sources
        for source in sources {
            source.setEventHandler { [weak self] in self?.flag.store(true, ordering: .relaxed) }
            source.resume()
        }
    }

    /// Whether the demo should end now.
    var isRequested: Bool { flag.load(ordering: .relaxed) }
}
