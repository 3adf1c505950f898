/// A plain left-aligned table for people: a header row, then rows, columns padded to fit.
struct TextTable {
    var headers: [String]
    var rows: [[String]] = []

    init(_ headers: [String]) { self.headers = headers }

    mutating func append(_ row: [String]) { rows.append(row) }

    func render(terminal: Terminal) -> String {
        var widths = headers.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], cell.count)
            }
        }
        func line(_ cells: [String]) -> String {
            var parts = [String]()
            for (index, cell) in cells.enumerated() {
                let isLast = index == cells.count - 1
                parts.append(isLast ? cell : cell + String(repeating: " ", count: widths[index] - cell.count))
            }
            return parts.joined(separator: "  ")
        }
        var output = [terminal.bold(line(headers))]
        output.append(contentsOf: rows.map(line))
        return output.joined(separator: "\n")
    }
}
