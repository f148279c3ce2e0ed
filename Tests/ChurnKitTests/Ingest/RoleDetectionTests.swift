import XCTest
@testable import ChurnKit

/// Roles from realistic headers, overrides, shapes, and the role-related errors.
final class RoleDetectionTests: IngestTestCase {
    /// The header and a few rows of the IBM Telco churn file, including its blank TotalCharges.
    static let telco = """
    customerID,gender,SeniorCitizen,Partner,Dependents,tenure,PhoneService,MultipleLines,InternetService,OnlineSecurity,OnlineBackup,DeviceProtection,TechSupport,StreamingTV,StreamingMovies,Contract,PaperlessBilling,PaymentMethod,MonthlyCharges,TotalCharges,Churn
    7590-VHVEG,Female,0,Yes,No,1,No,No phone service,DSL,No,Yes,No,No,No,No,Month-to-month,Yes,Electronic check,29.85,29.85,No
    5575-GNVDE,Male,0,No,No,34,Yes,No,DSL,Yes,No,Yes,No,No,No,One year,No,Mailed check,56.95,1889.5,No
    3668-QPYBK,Male,0,No,No,2,Yes,No,DSL,Yes,Yes,No,No,No,No,Month-to-month,Yes,Mailed check,53.85,108.15,Yes
    4472-LVYGI,Female,0,Yes,Yes,0,No,No phone service,DSL,Yes,No,Yes,Yes,Yes,No,Two year,Yes,Bank transfer (automatic),52.55, ,No
    9237-HQITU,Female,1,No,No,2,Yes,No,Fiber optic,No,No,No,No,No,No,Month-to-month,Yes,Electronic check,70.7,151.65,Yes

    """

    func testTelcoCustomerTable() throws {
        let d = try load(try write("telco.csv", RoleDetectionTests.telco))
        XCTAssertEqual(d.shape, .customerTable)
        XCTAssertEqual(d.mapping.columns, [.customer: "customerID", .target: "Churn"])
        XCTAssertEqual(d.shapeReason, "customer table: one row per customerID and an outcome column 'Churn'")
        let t = d.table
        XCTAssertEqual(t.column(named: "customerID")?.kind, .identifier)
        XCTAssertEqual(t.column(named: "SeniorCitizen")?.kind, .integer)
        XCTAssertEqual(t.column(named: "Partner")?.kind, .boolean)
        XCTAssertEqual(t.column(named: "tenure")?.kind, .integer)
        XCTAssertEqual(t.column(named: "Contract")?.kind, .categorical)
        XCTAssertEqual(t.column(named: "MonthlyCharges")?.kind, .decimal)
        let total = try XCTUnwrap(t.column(named: "TotalCharges"))
        XCTAssertEqual(total.kind, .decimal)
        XCTAssertEqual(total.missingCount, 1)
        XCTAssertTrue(total.numbers?[3].isNaN == true)
        let churn = try XCTUnwrap(t.column(named: "Churn"))
        XCTAssertEqual(churn.kind, .boolean)
        XCTAssertEqual(churn.numbers, [0, 0, 1, 0, 1])
        XCTAssertEqual(churn.booleanLabels?.positive, "Yes")
        XCTAssertEqual(churn.booleanLabels?.negative, "No")
    }

    func testTransactionLogWithOtherNames() throws {
        let text = "user_id,order_date,total_price,qty,product_category,store\nu1,2024-01-05,10.5,1,toys,north\nu1,2024-02-05,3,2,books,south\nu2,2024-01-07,7.25,1,toys,north\n"
        let d = try load(try write("orders.csv", text))
        XCTAssertEqual(d.shape, .transactions)
        XCTAssertEqual(d.mapping.columns, [.customer: "user_id", .date: "order_date", .amount: "total_price",
                                           .quantity: "qty", .category: "product_category"])
        XCTAssertTrue(d.shapeReason.hasPrefix("transaction log: customer ids in 'user_id' repeat (3 rows for 2 customers)"), d.shapeReason)
    }

    func testBankChurnHeader() throws {
        let text = "RowNumber,CustomerId,Surname,CreditScore,Geography,Age,Balance,IsActiveMember,Exited\n1,15634602,Hargrave,619,France,42,0,1,1\n2,15647311,Hill,608,Spain,41,83807.86,1,0\n3,15619304,Onio,502,France,42,159660.8,0,1\n"
        let d = try load(try write("bank.csv", text))
        XCTAssertEqual(d.shape, .customerTable)
        XCTAssertEqual(d.mapping[.customer], "CustomerId")
        XCTAssertEqual(d.mapping[.target], "Exited")
        XCTAssertEqual(d.table.column(named: "CustomerId")?.kind, .identifier)
        XCTAssertEqual(d.table.column(named: "IsActiveMember")?.kind, .boolean)
        XCTAssertEqual(d.table.column(named: "Exited")?.numbers, [1, 0, 1])
    }

    func testOutcomeWordsPickThePositiveLabel() throws {
        let text = "Customer_ID,Attrition_Flag\nA,Existing Customer\nB,Attrited Customer\nC,Existing Customer\n"
        let d = try load(try write("attr.csv", text))
        let target = try XCTUnwrap(d.table.column(named: "Attrition_Flag"))
        XCTAssertEqual(target.booleanLabels?.positive, "Attrited Customer")
        XCTAssertEqual(target.numbers, [0, 1, 0])
    }

    func testOverridesWin() throws {
        let text = "who,when,paid_eur,kind\nA,2024-01-01,1,x\nA,2024-01-02,2,y\nB,2024-01-03,3,x\n"
        let options = IngestOptions(mapping: ColumnMapping([.customer: "who", .date: "when", .amount: "paid_eur", .category: "kind"]), today: 20_000)
        let d = try load(try write("o.csv", text), options)
        XCTAssertEqual(d.mapping.columns, [.customer: "who", .date: "when", .amount: "paid_eur", .category: "kind"])
        XCTAssertEqual(d.shape, .transactions)
    }

    func testOverrideNamingAMissingColumnSuggestsTheClosest() throws {
        let path = try write("o.csv", transactionLog())
        let e = try XCTUnwrap(loadError(path, IngestOptions(mapping: ColumnMapping([.amount: "ammount"]))))
        XCTAssertEqual(e.reason, .unknownColumn)
        XCTAssertTrue(e.message.contains("there is no column \"ammount\"; did you mean \"amount\"?"), e.message)
        XCTAssertTrue(e.message.contains("Columns: customer_id, date, amount, category."), e.message)
    }

    func testForcedShape() throws {
        let text = "customer_id,date,amount,churn\nA,2024-01-01,1,yes\nB,2024-01-02,2,no\n"
        let auto = try load(try write("f.csv", text))
        XCTAssertEqual(auto.shape, .customerTable)
        let forced = try load(try write("f2.csv", text), IngestOptions(shape: .transactions, today: 20_000))
        XCTAssertEqual(forced.shape, .transactions)
        XCTAssertEqual(forced.mapping[.amount], "amount")
    }

    func testLogMissingAmountNamesTheRoleAndColumns() throws {
        let text = "customer_id,date,channel\nA,2024-01-01,web\nA,2024-01-02,shop\nB,2024-01-03,web\n"
        let e = try XCTUnwrap(loadError(try write("noamount.csv", text)))
        XCTAssertEqual(e.reason, .missingRole)
        XCTAssertTrue(e.message.contains("a transaction log needs a amount spent column"), e.message)
        XCTAssertTrue(e.message.contains("Columns: customer_id, date, channel"), e.message)
        XCTAssertTrue(e.message.contains("--map amount=COLUMN"), e.message)
    }

    func testUnknownShape() throws {
        let e = try XCTUnwrap(loadError(try write("what.csv", "a,b\n1,2\n3,4\n")))
        XCTAssertEqual(e.reason, .unknownShape)
        XCTAssertTrue(e.message.contains("Columns: a, b"), e.message)
    }

    func testTargetWithThreeValuesListsThem() throws {
        let text = "customer_id,tenure,Churn\nA,1,Yes\nB,2,No\nC,3,Maybe\nD,4,No\n"
        let e = try XCTUnwrap(loadError(try write("three.csv", text)))
        XCTAssertEqual(e.reason, .tooManyOutcomes)
        XCTAssertEqual(e.column, "Churn")
        XCTAssertEqual(e.line, 4)
        XCTAssertTrue(e.message.contains("3 different values (\"Yes\", \"No\", \"Maybe\")"), e.message)
    }

    func testCustomerIdWithBlanksNamesTheFirstLine() throws {
        let text = "customer_id,date,amount\nA,2024-01-01,1\n ,2024-01-02,2\nB,2024-01-03,3\n,2024-01-04,4\n"
        let e = try XCTUnwrap(loadError(try write("blankid.csv", text)))
        XCTAssertEqual(e.reason, .blankIdentifier)
        XCTAssertEqual(e.line, 3)
        XCTAssertEqual(e.column, "customer_id")
    }

    func testNameHelpers() {
        XCTAssertEqual(ColumnNames.words("customerID"), ["customer", "id"])
        XCTAssertEqual(ColumnNames.words("Total_Charges"), ["total", "charges"])
        XCTAssertEqual(ColumnNames.editDistance("ammount", "amount"), 1)
        XCTAssertEqual(ColumnNames.editDistance("kitten", "sitting"), 3)
        XCTAssertTrue(ColumnNames.isIdentifierLike("OrderKey"))
        XCTAssertFalse(ColumnNames.isIdentifierLike("paid"))
        XCTAssertEqual(RoleDetector.nameScore(.customer, "Customer ID"), 3)
        XCTAssertEqual(RoleDetector.nameScore(.customer, "account_length"), 0)
        XCTAssertEqual(RoleDetector.nameScore(.target, "Churn Score"), 2)
    }
}

/// Columns named like log roles in a customer table are not held to log rules; in a log they are.
final class LenientRoleTests: IngestTestCase {
    func testCustomerTableWithATextTotalLoads() throws {
        let text = "customer_id,Total,Churn\nA,12.5,Yes\nB,n/a,No\nC,3,No\n"
        let d = try load(try write("t.csv", text))
        XCTAssertEqual(d.shape, .customerTable)
        XCTAssertFalse(d.table.column(named: "Total")?.kind.isNumeric ?? true)
        XCTAssertNil(d.mapping[.amount])
    }

    func testLogWithAnOutcomeColumnStillChecksAmounts() throws {
        let text = "customer_id,date,amount,churned\nA,2024-01-01,1.5,no\nA,2024-01-02,2,no\nB,2024-01-03,3,yes\nB,2024-01-04,oops,yes\n"
        let e = try XCTUnwrap(loadError(try write("l.csv", text)))
        XCTAssertEqual(e.reason, .notANumber)
        XCTAssertEqual(e.line, 5)
        XCTAssertEqual(e.column, "amount")
    }

    func testLogWithAnOutcomeColumnLoads() throws {
        let text = "customer_id,date,amount,churned\nA,2024-01-01,1.5,no\nA,2024-01-02,2,no\nB,2024-01-03,3,yes\nB,2024-01-04,4,yes\n"
        let d = try load(try write("ok.csv", text))
        XCTAssertEqual(d.shape, .transactions)
        XCTAssertEqual(d.table.column(named: "amount")?.numbers, [1.5, 2, 3, 4])
        XCTAssertNil(d.mapping[.target])
    }
}
