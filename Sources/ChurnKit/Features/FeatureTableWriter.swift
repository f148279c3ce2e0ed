/// Writes a feature matrix as CSV: `customer_id`, the features in order, then the label column if any.
///
/// Fields are quoted by RFC 4180 when needed; missing values (NaN) are empty fields; numbers are written
/// as integers when whole and otherwise with at most 6 decimals.
public enum FeatureTableWriter {
    public static func writeCSV(_ m: FeatureMatrix, to path: String) throws {
        var out = try BufferedFileWriter(path: path)
        out.appendField("customer_id")
        for f in m.features { out.append(0x2C); out.appendField(f.name) }
        if m.label != nil { out.append(0x2C); out.appendField(m.labelName) }
        try out.endLine()
        for row in 0..<m.rowCount {
            out.appendField(m.customerIDs[row])
            for f in m.features {
                out.append(0x2C)
                out.appendNumber(f.values[row])
            }
            if let label = m.label {
                out.append(0x2C)
                out.appendNumber(label[row])
            }
            try out.endLine()
        }
        try out.close()
    }
}
