import ChurnKit
import Foundation
import XCTest

/// Release-mode comparison with LightGBM (see Tests/Fixtures/scripts/gbdt_reference.py). Skipped
/// unless CHURN_GBDT_BENCH names the CSV the script wrote. Prints figures; asserts nothing on time.
///
///     python3 Tests/Fixtures/scripts/gbdt_reference.py /tmp/gbdt_bench.csv
///     CHURN_GBDT_BENCH=/tmp/gbdt_bench.csv swift test -c release --filter GradientBoostingBenchmark
final class GradientBoostingBenchmark: XCTestCase {
    func testAgainstLightGBMReferenceSet() throws {
        guard let path = ProcessInfo.processInfo.environment["CHURN_GBDT_BENCH"] else {
            throw XCTSkip("set CHURN_GBDT_BENCH to the CSV written by gbdt_reference.py")
        }
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true)
        let header = lines.removeFirst().split(separator: ",").map(String.init)
        let featureCount = header.count - 2
        var train = [[Double]](repeating: [], count: featureCount), test = train
        var trainY: [Double] = [], testY: [Double] = []
        for line in lines {
            let fields = line.split(separator: ",")
            let isTest = fields[featureCount + 1] == "test"
            for j in 0..<featureCount {
                let v = Double(fields[j]) ?? .nan
                if isTest { test[j].append(v) } else { train[j].append(v) }
            }
            let y = Double(fields[featureCount]) ?? 0
            if isTest { testY.append(y) } else { trainY.append(y) }
        }
        let names = Array(header[0..<featureCount])
        let xTrain = TrainingMatrix(names: names, columns: train)
        let xTest = TrainingMatrix(names: names, columns: test)

        var params = GradientBoostingParameters()
        params.rounds = 100
        params.maxLeaves = 31
        params.learningRate = 0.1
        var best = Double.infinity
        var model = GradientBoosting(parameters: params)
        for _ in 0..<3 {
            let start = DispatchTime.now().uptimeNanoseconds
            let binStart = start
            let binner = try FeatureBinner.fit(xTrain)
            let edgesEnd = DispatchTime.now().uptimeNanoseconds
            let binned = try binner.transform(xTrain)
            let binEnd = DispatchTime.now().uptimeNanoseconds
            print(String(format: "  edges %.3f s, transform %.3f s", Double(edgesEnd - start) / 1e9, Double(binEnd - edgesEnd) / 1e9))
            var fitted = GradientBoosting(parameters: params)
            try fitted.fit(binned: binned, rows: nil, labels: trainY, weights: nil, control: .none)
            let end = DispatchTime.now().uptimeNanoseconds
            let seconds = Double(end - start) / 1e9
            print(String(format: "churn gbdt fit %.3f s (binning %.3f s)", seconds, Double(binEnd - binStart) / 1e9))
            best = min(best, seconds)
            model = fitted
        }
        var single = Double.infinity
        params.parallel = false
        for _ in 0..<3 {
            let start = DispatchTime.now().uptimeNanoseconds
            let binned = try FeatureBinner.fit(xTrain).transform(xTrain)
            var fitted = GradientBoosting(parameters: params)
            try fitted.fit(binned: binned, rows: nil, labels: trainY, weights: nil, control: .none)
            single = min(single, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        print(String(format: "churn gbdt 1 core (tree building) fit seconds (best of 3): %.3f", single))
        let auc = Self.rocAUC(model.predictProbabilities(xTest), testY)
        print("rows train=\(trainY.count) test=\(testY.count) features=\(featureCount)")
        print(String(format: "churn gbdt fit seconds (best of 3): %.3f", best))
        print(String(format: "churn gbdt test ROC-AUC: %.5f", auc))
    }

    /// Times binning a 1,000,000 x 45 matrix (random normals, 5% missing, 5 categorical columns).
    func testBinningAMillionRows() throws {
        guard ProcessInfo.processInfo.environment["CHURN_GBDT_BENCH"] != nil else {
            throw XCTSkip("set CHURN_GBDT_BENCH to run benchmarks")
        }
        let rows = 1_000_000
        var state: UInt64 = 12345
        func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) * 0x1.0p-53
        }
        var columns: [[Double]] = []
        for j in 0..<45 {
            columns.append((0..<rows).map { _ in
                let u = next()
                if u < 0.05 { return .nan }
                return j < 5 ? Double(Int(u * 12)) : (u - 0.5) * 100 + next()
            })
        }
        let x = TrainingMatrix(names: (0..<45).map { "f\($0)" }, columns: columns, categorical: Set(0..<5))
        for _ in 0..<2 {
            let start = DispatchTime.now().uptimeNanoseconds
            let binner = try FeatureBinner.fit(x)
            let mid = DispatchTime.now().uptimeNanoseconds
            let binned = try binner.transform(x)
            let end = DispatchTime.now().uptimeNanoseconds
            print(String(format: "binning 1M x 45: edges %.3f s, transform %.3f s (%d bins in f10)",
                         Double(mid - start) / 1e9, Double(end - mid) / 1e9, binned.binner.binCounts[10]))
        }
    }

    /// Exact ROC-AUC with ties counted half (rank-sum).
    static func rocAUC(_ scores: [Double], _ labels: [Double]) -> Double {
        let order = scores.indices.sorted { scores[$0] < scores[$1] }
        var rankSum = 0.0
        var i = 0
        while i < order.count {
            var j = i
            while j + 1 < order.count && scores[order[j + 1]] == scores[order[i]] { j += 1 }
            let rank = Double(i + j) / 2 + 1
            for k in i...j where labels[order[k]] == 1 { rankSum += rank }
            i = j + 1
        }
        let pos = Double(labels.filter { $0 == 1 }.count), neg = Double(labels.count) - pos
        return (rankSum - pos * (pos + 1) / 2) / (pos * neg)
    }
}
