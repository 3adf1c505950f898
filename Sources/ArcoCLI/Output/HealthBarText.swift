import ArcoCore
import Foundation

/// Draws `PartitionHealthBar` cells: shapes always (`#` materialized, `x` failed, `>` in
/// progress, `.` missing), colour on a colour terminal, and a legend so the shapes read alone.
enum HealthBarText {
    /// The bar's width: the terminal's columns (or `COLUMNS`) less the margin, 60 when unknown.
    static func width(environment: [String: String] = ProcessInfo.processInfo.environment) -> Int {
        var size = winsize()
        let columns = ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 0
            ? Int(size.ws_col) : environment["COLUMNS"].flatMap(Int.init) ?? 64
        return max(10, columns - 4)
    }

    /// `[##x..]`, coloured by state when the terminal allows.
    static func bar(_ cells: [PartitionState], _ terminal: Terminal) -> String {
        var text = "["
        var index = 0
        // Runs of one state are styled once: a 200-cell bar stays a few dozen escapes.
        while index < cells.count {
            let state = cells[index]
            var end = index
            while end < cells.count && cells[end] == state { end += 1 }
            text += style(String(repeating: PartitionHealthBar.symbol(state), count: end - index), state, terminal)
            index = end
        }
        return text + "]"
    }

    static let legend = "# materialized  x failed  > in progress  . missing"

    private static func style(_ text: String, _ state: PartitionState, _ terminal: Terminal) -> String {
        switch state {
        case .materialized: terminal.green(text)
        case .failed: terminal.red(text)
        case .inProgress: terminal.yellow(text)
        case .missing: terminal.dim(text)
        }
    }
}
