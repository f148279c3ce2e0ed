/// Finds which column plays which role, from names first and content second, honouring the user's
/// `--map` overrides; and tells the two dataset shapes apart.
enum RoleDetector {
    /// Names that certainly mean a role (normalised: lowercase letters and digits).
    static let exactNames: [ColumnRole: Set<String>] = [
        .customer: ["customerid", "customer", "custid", "customerno", "customernumber", "customercode", "customerkey",
                    "clientid", "client", "clientno", "userid", "user", "accountid", "account", "accountno",
                    "accountnumber", "memberid", "member", "subscriberid", "subscriber", "buyerid", "buyer",
                    "shopperid", "consumerid", "custno", "cid", "uid", "customerref", "patronid", "householdid"],
        .date: ["date", "orderdate", "transactiondate", "invoicedate", "purchasedate", "saledate", "salesdate",
                "txndate", "transdate", "timestamp", "datetime", "time", "orderdatetime", "createdat", "purchasedat",
                "orderedat", "transactiontime", "transactiondatetime", "purchasetime", "ordertime", "invoicetime",
                "day", "eventdate", "eventtime", "paymentdate", "visitdate", "txntime", "trandate"],
        .amount: ["amount", "total", "totalamount", "amountspent", "spend", "spent", "revenue", "sales", "value",
                  "ordervalue", "ordertotal", "totalprice", "saleamount", "salesamount", "transactionamount", "amt",
                  "paid", "payment", "paymentvalue", "paymentamount", "grandtotal", "netamount", "totalspent",
                  "monetary", "subtotal", "linetotal", "purchaseamount", "orderamount", "totalvalue", "netsales",
                  "grosssales", "txnamount", "invoiceamount"],
        .quantity: ["quantity", "qty", "units", "unitssold", "items", "itemcount", "numitems", "quantityordered",
                    "orderqty", "numberofitems", "itemsqty", "pieces"],
        .category: ["category", "productcategory", "itemcategory", "product", "productname", "productid", "item",
                    "itemname", "itemid", "sku", "department", "stockcode", "description", "productline",
                    "subcategory", "brand", "categoryname", "productcode", "itemcode", "productdescription", "genre"],
        .target: ["churn", "churned", "exited", "attrition", "attritionflag", "cancelled", "canceled", "left",
                  "churnflag", "ischurned", "churnlabel", "churnstatus", "haschurned", "exit", "attrited", "cancel",
                  "cancellation", "terminated", "churnvalue", "churnyesno", "ischurn", "isexited", "churnlabelled"],
    ]

    /// Parts of names that suggest a role when the whole name is not known.
    static let nameParts: [ColumnRole: [String]] = [
        .customer: [],
        .date: ["date", "time", "timestamp"],
        .amount: ["amount", "total", "revenue", "spend", "sales", "price", "value", "paid"],
        .quantity: ["quantity", "qty"],
        .category: ["category", "product"],
        .target: ["churn", "attrition"],
    ]

    /// How strongly a name suggests a role: 3 exact, 2 contains a telling word, 1 weak hint, 0 none.
    static func nameScore(_ role: ColumnRole, _ name: String) -> Int {
        let n = ColumnNames.normalized(name)
        if exactNames[role]?.contains(n) == true { return 3 }
        let words = ColumnNames.words(name)
        switch role {
        case .customer:
            let subject = ["customer", "client", "user", "account", "member", "subscriber", "buyer", "shopper", "cust"]
            if words.contains(where: { subject.contains($0) }) && ColumnNames.isIdentifierLike(name) { return 2 }
            if n == "id" { return 1 }
            return 0
        case .target:
            if nameParts[.target]?.contains(where: { n.contains($0) }) == true { return 2 }
            if ["target", "label", "outcome", "class", "y"].contains(n) { return 1 }
            return 0
        case .amount where n.hasPrefix("unitprice") || n == "price" || n == "unitcost":
            return 1
        default:
            if words.contains("id") && role != .category { return 0 }
            if nameParts[role]?.contains(where: { n.contains($0) }) == true { return 2 }
            return 0
        }
    }

    /// Whether the sampled content fits a role. A column with the exact name of a role needs only most
    /// of its cells to fit (the others are then reported as errors); a looser name match needs 90%.
    static func contentFits(_ role: ColumnRole, _ e: ColumnEvidence, exactName: Bool) -> Bool {
        guard e.nonBlank > 0 else { return false }
        let share = exactName ? 0.5 : 0.9
        switch role {
        case .customer: return !e.allDates
        case .date: return e.dateShare >= share
        case .amount, .quantity: return e.numberShare >= share && !e.allDates
        case .category: return !e.allDates && !(e.numberShare >= 0.9 && (e.traitsDot.fraction || e.traitsComma.fraction))
        case .target: return e.distinctLowercased.count <= 2
        }
    }

    /// The roles to look for, in the order they claim columns.
    static let assignmentOrder: [ColumnRole] = [.customer, .date, .amount, .target, .quantity, .category]

    /// Assigns roles: overrides first (checked to exist), then the best-named column whose content fits.
    static func assign(header: [String], evidence: [ColumnEvidence], overrides: ColumnMapping, file: String) throws -> [ColumnRole: Int] {
        var roles: [ColumnRole: Int] = [:]
        var used = Set<Int>()
        for role in ColumnRole.allCases {
            guard let wanted = overrides[role] else { continue }
            guard let index = columnIndex(wanted, in: header) else {
                var detail = "--map \(role.rawValue)=\(wanted): there is no column \"\(wanted)\""
                if let guess = ColumnNames.closest(to: wanted, in: header) { detail += "; did you mean \"\(guess)\"?" }
                detail += " Columns: " + header.joined(separator: ", ") + "."
                throw IngestError(.unknownColumn, file: file, found: wanted, expected: "a column name", detail: detail,
                                  exitCode: ExitCode.usage)
            }
            roles[role] = index
            used.insert(index)
        }
        for role in assignmentOrder where roles[role] == nil {
            var best: (score: Int, index: Int)?
            for (i, name) in header.enumerated() where !used.contains(i) {
                let score = nameScore(role, name)
                guard score > 0 else { continue }
                // An exact target name is taken whatever it holds (three values are then reported).
                let fits = (role == .target && score == 3) || contentFits(role, evidence[i], exactName: score == 3)
                guard fits else { continue }
                if score > (best?.score ?? 0) { best = (score, i) }
            }
            if best == nil && role == .date {
                // Any column that holds dates.
                if let i = header.indices.first(where: { !used.contains($0) && evidence[$0].allDates }) { best = (0, i) }
            }
            if let best {
                roles[role] = best.index
                used.insert(best.index)
            }
        }
        return roles
    }

    /// The index of a column by exact name, else by name ignoring case.
    static func columnIndex(_ name: String, in header: [String]) -> Int? {
        if let i = header.firstIndex(of: name) { return i }
        let lowered = name.lowercased()
        return header.firstIndex { $0.lowercased() == lowered }
    }
}
