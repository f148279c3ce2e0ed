import Foundation

/// A named column of cells for export.
public struct CSVColumn: Sendable, Equatable {
    public var name: String
    public var cells: [CSVCell]
    public init(name: String, cells: [CSVCell]) {
        self.name = name
        self.cells = cells
    }
}

/// A table written as CSV: a header line of column names, then one line per row, fields encoded by
/// `CSVField` (quoted per RFC 4180, formulas neutralised). Lines end with CRLF, as RFC 4180 specifies
/// and spreadsheet programs expect; no byte-order mark.
public struct CSVTable: Sendable, Equatable {
    public private(set) var columns: [CSVColumn]
    /// Number of data rows.
    public let rowCount: Int

    /// Checks that every column has the same number of cells.
    public init(columns: [CSVColumn]) throws {
        let count = columns.first?.cells.count ?? 0
        if let bad = columns.first(where: { $0.cells.count != count }) {
            throw CSVExportError("Export column \"\(bad.name)\" has \(bad.cells.count) values but column "
                + "\"\(columns[0].name)\" has \(count); every column needs one value per customer.")
        }
        self.columns = columns
        self.rowCount = count
    }

    /// The CSV line (without line ending) of data row `row`, or of the header when `row` is nil.
    public func line(_ row: Int?, delimiter: Character = ",") -> String {
        columns.map { column in
            CSVField.encode(row.map { column.cells[$0] } ?? .text(column.name), delimiter: delimiter)
        }.joined(separator: String(delimiter))
    }

    /// The whole file as text.
    public func text(delimiter: Character = ",") -> String {
        var out = line(nil, delimiter: delimiter) + "\r\n"
        for r in 0..<rowCount { out += line(r, delimiter: delimiter) + "\r\n" }
        return out
    }

    /// Writes the file to `path` (through a temporary file in the same folder, renamed at the end, so a
    /// failed export never leaves half a file under the final name).
    public func write(toFile path: String, delimiter: Character = ",") throws {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(getpid()).partial")
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
            throw CSVExportError("Cannot create \(path): check that the folder exists and is writable.", exitCode: ExitCode.cannotCreate)
        }
        do {
            let handle = try FileHandle(forWritingTo: temporary)
            var chunk = line(nil, delimiter: delimiter) + "\r\n"
            for r in 0..<rowCount {
                chunk += line(r, delimiter: delimiter) + "\r\n"
                if chunk.utf8.count >= 1 << 20 {
                    try handle.write(contentsOf: Data(chunk.utf8))
                    chunk = ""
                }
            }
            try handle.write(contentsOf: Data(chunk.utf8))
            try handle.close()
            guard rename(temporary.path, path) == 0 else {
                throw CSVExportError("Cannot write \(path): \(String(cString: strerror(errno))).", exitCode: ExitCode.ioError)
            }
        } catch let error as CSVExportError {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw CSVExportError("Cannot write \(path): \(error.localizedDescription)", exitCode: ExitCode.ioError)
        }
    }
}
