import ChurnKit
import Foundation
import XCTest

/// Release-mode comparison with scikit-learn's RandomForestClassifier (see
/// Tests/Fixtures/scripts/forest_reference.py). Skipped unless CHURN_FOREST_BENCH names the CSV the
/// script wrote. Prints figures (and the script's, from `<csv>.sklearn.csv`); asserts nothing on time.
///
///     python3 Tests/Fixtures/scripts/forest_reference.py /tmp/forest_bench.csv
///     CHURN_FOREST_BENCH=/tmp/forest_bench.csv swift test -c release --filter RandomForestBenchmark
final class RandomForestBenchmark: XCTestCase {
    func testAgainstScikitLearnReferenceSet() throws {
        guard let path = ProcessInfo.processInfo.environment["CHURN_FOREST_BENCH"] else {
            throw XCTSkip("set CHURN_FOREST_BENCH to the CSV written by forest_reference.py")
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
        print("rows train=\(trainY.count) test=\(testY.count) features=\(featureCount)")

        /// CPU time of the whole process (every thread), steadier than wall time on a busy machine.
        func cpuSeconds() -> Double {
            var t = timespec()
            clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
            return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
        }

        func timedFit(_ params: RandomForestParameters) throws -> (RandomForest, Double, Double) {
            let cpuStart = cpuSeconds()
            defer { print(String(format: "  (CPU %.3f s)", cpuSeconds() - cpuStart)) }
            let start = DispatchTime.now().uptimeNanoseconds
            let binned = try FeatureBinner.fit(xTrain).transform(xTrain)
            let binEnd = DispatchTime.now().uptimeNanoseconds
            var model = RandomForest(parameters: params)
            try model.fit(binned: binned, rows: nil, labels: trainY, weights: nil, control: .none)
            let end = DispatchTime.now().uptimeNanoseconds
            return (model, Double(end - start) / 1e9, Double(binEnd - start) / 1e9)
        }

        var params = RandomForestParameters()
        params.trees = 100
        params.threads = 2
        params.outOfBag = false
        var best = Double.infinity
        var model = RandomForest(parameters: params)
        for _ in 0..<2 {
            let (fitted, seconds, binning) = try timedFit(params)
            print(String(format: "churn forest fit %.3f s (binning %.3f s), 2 threads, no OOB", seconds, binning))
            best = min(best, seconds)
            model = fitted
        }
        params.outOfBag = true
        let (withOOB, oobSeconds, _) = try timedFit(params)
        print(String(format: "churn forest fit with OOB %.3f s, OOB ROC-AUC %.5f", oobSeconds, withOOB.outOfBagROCAUC))
        params.outOfBag = false
        params.threads = 1
        let (_, single, _) = try timedFit(params)
        print(String(format: "churn forest 1 thread fit %.3f s", single))

        let start = DispatchTime.now().uptimeNanoseconds
        let probabilities = model.predictProbabilities(xTest)
        let predictSeconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let auc = Metrics.rocAUC(scores: probabilities, labels: testY)
        let leaves = Double(model.trees.map(\.leafCount).reduce(0, +)) / Double(model.trees.count)
        let depth = Double(model.trees.map(\.depth).reduce(0, +)) / Double(model.trees.count)
        print(String(format: "churn forest fit seconds (best of 2, 2 threads): %.3f", best))
        print(String(format: "churn forest test ROC-AUC: %.5f (predict %.3f s), mean leaves %.0f, mean depth %.1f",
                     auc, predictSeconds, leaves, depth))
        if let reference = try? String(contentsOfFile: path + ".sklearn.csv", encoding: .utf8) {
            print("scikit-learn (from forest_reference.py):\n" + reference)
        }
        XCTAssertGreaterThan(auc, 0.9)
    }
}
