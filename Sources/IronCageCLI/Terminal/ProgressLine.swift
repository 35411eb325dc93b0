import EventLog

/// A self-overwriting progress line on stderr, shown only when stderr is a terminal and
/// refreshed at most a few times a second.
final class ProgressLine {
    private let sink: any OutputSink
    private let label: String
    private var lastUpdate: ContinuousClock.Instant?
    private var shown = false
    private let clock = ContinuousClock()

    init(sink: any OutputSink, label: String) {
        self.sink = sink
        self.label = label
    }

    func update(_ text: @autoclosure () -> String) {
        guard sink.isTerminal else { return }
        let now = clock.now
        if let lastUpdate, now - lastUpdate < .milliseconds(250) { return }
        lastUpdate = now
        shown = true
        sink.write("\r\u{1B}[K\(label): \(text())")
        sink.flush()
    }

    /// Clears the line.
    func finish() {
        guard shown else { return }
        sink.write("\r\u{1B}[K")
        sink.flush()
    }
}
