import XCTest
@testable import ChurnKit

final class CSVReadingTests: IngestTestCase {
    func testSmokeTransactionLog() throws {
        let path = try write("log.csv", transactionLog())
        let d = try load(path)
        XCTAssertEqual(d.table.rowCount, 6)
        XCTAssertEqual(d.shape, .transactions)
        XCTAssertEqual(d.mapping[.customer], "customer_id")
        XCTAssertEqual(d.mapping[.date], "date")
        XCTAssertEqual(d.mapping[.amount], "amount")
        XCTAssertEqual(d.mapping[.category], "category")
        XCTAssertEqual(d.table.columns.map(\.kind), [.identifier, .date, .decimal, .categorical])
        print(d.notes, d.shapeReason)
    }
}
