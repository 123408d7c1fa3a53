import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes the demo's summary to standard output: redrawn in place on a terminal (ANSI cursor movement),
/// appended as plain lines otherwise, so CI logs and pipes stay readable.
final class DemoDisplay {
    private let report: DemoReport
    private let isTerminal: Bool
    private var drawn = 0
    private var driftPrinted = 0

    /// Creates the display.
    /// - Parameters:
    ///   - report: what to write.
    ///   - isTerminal: whether standard output is a terminal.
    init(report: DemoReport, isTerminal: Bool) {
        self.report = report
        self.isTerminal = isTerminal
    }

    /// Shows one refresh.
    func show(_ frame: DemoReport.Frame, monitor: DemoMonitor) {
        if isTerminal {
            redraw(report.block(frame, monitor: monitor))
        } else {
            for notice in monitor.drift.dropFirst(driftPrinted) {
                print("  drift event: " + report.describe(notice, changes: frame.changes))
            }
            driftPrinted = monitor.drift.count
            print(report.line(frame, monitor: monitor))
        }
        fflush(nil)
    }

    /// Shows the final summary (in place of the live block on a terminal).
    func finish(_ frame: DemoReport.Frame, monitor: DemoMonitor) {
        let lines = report.block(frame, monitor: monitor, final: true)
        if isTerminal {
            redraw(lines, clip: false)
        } else {
            print("")
            lines.forEach { print($0) }
        }
        fflush(nil)
    }

    /// Moves the cursor up over the previous block and writes `lines` over it, clipped to the width so
    /// no line wraps (a wrapped line would throw the next redraw off by one).
    private func redraw(_ lines: [String], clip: Bool = true) {
        var out = drawn > 0 ? "\u{1B}[\(drawn)A" : ""
        let width = Self.columns()
        for line in lines {
            let shown = clip && line.count >= width ? String(line.prefix(width - 2)) + "…" : line
            out += "\u{1B}[2K" + shown + "\n"
        }
        out += "\u{1B}[J"
        print(out, terminator: "")
        drawn = lines.count
    }

    /// The terminal's width in columns (120 when unknown).
    private static func columns() -> Int {
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 10 else { return 120 }
        return Int(size.ws_col)
    }
}
