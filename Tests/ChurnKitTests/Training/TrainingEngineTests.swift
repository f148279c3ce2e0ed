@testable import ChurnKit
import XCTest

final class TrainingEngineTests: XCTestCase {
    private func quick(_ families: [ModelFamily] = [.logreg, .tree, .naiveBayes], trials: Int = 3) -> TrainingConfiguration {
        TrainingConfiguration(families: families, folds: 4, seed: 11, trials: trials)
    }

    func testLeaderboardHasEveryFamilyTheBlendAndOneChampion() throws {
        let data = try TrainingTestData.data()
        let result = try TrainingEngine.run(data, configuration: quick(), control: .none)
        XCTAssertEqual(Set(result.leaderboard.map(\.name)), ["logreg", "tree", "naive-bayes", "blend"])
        XCTAssertEqual(result.leaderboard.filter(\.isChampion).count, 1)
        XCTAssertTrue(result.leaderboard[0].isChampion)
        let scores = result.leaderboard.map(\.championScore)
        XCTAssertEqual(scores, scores.sorted(by: >))
        for entry in result.leaderboard {
            XCTAssertEqual(entry.foldMetrics.count, 4)
            XCTAssertEqual(entry.outOfFold.count, data.rows)
            XCTAssertFalse(entry.outOfFold.contains { $0.isNaN })
            // Mean and std are those of the fold values (recomputed here).
            let aucs = entry.foldMetrics.map(\.rocAUC)
            let mean = aucs.reduce(0, +) / 4
            let std = (aucs.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 3).squareRoot()
            XCTAssertEqual(entry.metrics.rocAUC.mean, mean, accuracy: 1e-12)
            XCTAssertEqual(entry.metrics.rocAUC.std, std, accuracy: 1e-12)
            let w = ChampionWeights()
            XCTAssertEqual(entry.championScore, 0.4 * entry.metrics.f1.mean + 0.3 * entry.metrics.recall.mean
                           + 0.2 * entry.metrics.businessValue.mean + 0.1 * (1 - std), accuracy: 1e-12)
            XCTAssertEqual(entry.championScore, w.score(entry.metrics), accuracy: 1e-12)
        }
        let logreg = try XCTUnwrap(result.leaderboard.first { $0.name == "logreg" })
        XCTAssertGreaterThan(logreg.metrics.rocAUC.mean, 0.8)  // the signal is strong and linear
        XCTAssertEqual(result.classWeighting, .classWeights)  // about a quarter churn
        XCTAssertTrue(result.notes.contains { $0.contains("balanced class weights") })
    }

    func testSameSeedGivesTheSameLeaderboardAndModel() throws {
        let data = try TrainingTestData.data()
        let config = quick([.logreg, .gbdt, .svm])
        let a = try TrainingEngine.run(data, configuration: config, control: .none)
        let b = try TrainingEngine.run(data, configuration: config, control: .none)
        XCTAssertEqual(a.leaderboard.map(\.name), b.leaderboard.map(\.name))
        XCTAssertEqual(a.leaderboard.map(\.outOfFold), b.leaderboard.map(\.outOfFold))
        XCTAssertEqual(a.leaderboard.map(\.metrics), b.leaderboard.map(\.metrics))
        XCTAssertEqual(a.leaderboard.map(\.parameters), b.leaderboard.map(\.parameters))
        XCTAssertEqual(try a.model.probabilities(data.matrix), try b.model.probabilities(data.matrix))
    }

    func testModelRoundTripsThroughItsEncoding() throws {
        let data = try TrainingTestData.data()
        for families in [[ModelFamily.gbdt], [.logreg, .svm, .tree]] {
            var config = quick(families, trials: 2)
            config.blend = true
            let result = try TrainingEngine.run(data, configuration: config, control: .none)
            let decoded = try TrainedModel.decode(try result.model.encoded())
            XCTAssertEqual(decoded.family, result.model.family)
            XCTAssertEqual(try decoded.probabilities(data.matrix), try result.model.probabilities(data.matrix))
        }
    }

    func testNewerModelFormatIsRefused() throws {
        let data = try TrainingTestData.data()
        let result = try TrainingEngine.run(data, configuration: quick([.logreg], trials: 1), control: .none)
        var text = String(decoding: try result.model.encoded(), as: UTF8.self)
        text = text.replacingOccurrences(of: "\"formatVersion\":1", with: "\"formatVersion\":99")
        XCTAssertThrowsError(try TrainedModel.decode(Data(text.utf8))) { error in
            XCTAssertTrue((error as? UserFacingError)?.message.contains("newer churn") ?? false, "\(error)")
        }
    }

    func testBadTargetsAreRefusedWithClearErrors() throws {
        let t = TrainingTestData.table(rows: 100)
        XCTAssertThrowsError(try TrainingData(matrix: t.matrix, labels: [Double](repeating: 0, count: 100))) {
            XCTAssertEqual($0 as? TrainingError, .oneClass(label: 0))
        }
        var few = [Double](repeating: 0, count: 100)
        for i in 0..<9 { few[i] = 1 }
        XCTAssertThrowsError(try TrainingData(matrix: t.matrix, labels: few)) {
            XCTAssertEqual($0 as? TrainingError, .tooFewMinority(count: 9, needed: 10))
        }
        var columns = t.matrix.columns
        columns[1][17] = .infinity
        XCTAssertThrowsError(try TrainingData(matrix: TrainingMatrix(names: t.matrix.names, columns: columns), labels: t.labels)) {
            XCTAssertEqual($0 as? TrainingError, .nonFinite(feature: "x2", row: 17, value: .infinity))
        }
        // NaN is a missing value and trains fine.
        columns[1][17] = .nan
        XCTAssertNoThrow(try TrainingData(matrix: TrainingMatrix(names: t.matrix.names, columns: columns), labels: t.labels))
    }

    func testAllConstantFeaturesFailTheRun() throws {
        let t = TrainingTestData.table(rows: 100)
        let flat = TrainingMatrix(names: ["a", "b"], columns: [[Double](repeating: 1, count: 100), [Double](repeating: 0, count: 100)])
        let data = try TrainingData(matrix: flat, labels: t.labels)
        XCTAssertThrowsError(try TrainingEngine.run(data, configuration: quick(), control: .none)) {
            XCTAssertEqual($0 as? TrainingError, .allFeaturesConstant)
        }
    }

    func testEventsReportProgressAndCancellationStopsTheRun() throws {
        let data = try TrainingTestData.data(rows: 2000)
        let seen = EventLog()
        let job = TrainingJob(data: data, configuration: TrainingConfiguration(families: [.gbdt, .logreg], folds: 5, seed: 1, trials: 8)) { event in
            seen.append(event)
        }
        job.start()
        // Cancel after the first fit reports, mid-search; the run must stop within a second.
        while !seen.all.contains(where: { $0.stage == .searching }) { usleep(1000) }
        job.cancel()
        let outcome = job.wait()
        guard case .failure(let error) = outcome else { return XCTFail("the run finished despite cancel") }
        XCTAssertEqual(error as? TrainingError, .cancelled)
        XCTAssertFalse(seen.all.contains { $0.stage == .finished })
        let events = seen.all
        XCTAssertEqual(events.first?.stage, .preparing)
        XCTAssertEqual(events.map(\.fraction), events.map(\.fraction).sorted())
    }

    func testFullRunEventsEndAtOneHundredPercent() throws {
        let data = try TrainingTestData.data()
        let seen = EventLog()
        _ = try TrainingEngine.run(data, configuration: quick([.logreg, .tree], trials: 2), control: .none) { seen.append($0) }
        let events = seen.all
        XCTAssertEqual(events.last?.stage, .finished)
        XCTAssertEqual(events.last?.fraction ?? 0, 1, accuracy: 1e-9)
        XCTAssertTrue(events.contains { $0.stage == .searching && $0.fold != nil && $0.trial != nil && $0.family == .tree })
    }

    func testUnknownModelNamesSuggestTheClosest() {
        XCTAssertEqual(try FamilyRegistry.parse("logreg, gbdt"), [.logreg, .gbdt])
        XCTAssertThrowsError(try FamilyRegistry.parse("logreg,gbdtt")) { error in
            let e = error as? UnknownModelError
            XCTAssertEqual(e?.suggestion, "gbdt")
            XCTAssertEqual(e?.exitCode, 64)
        }
    }

    func testBlendWeightsFavourTheInformativeModelAndStayOnTheSimplex() {
        let labels: [Double] = (0..<200).map { $0 % 4 == 0 ? 1 : 0 }
        let good = labels.map { $0 == 1 ? 0.8 : 0.1 }
        let noise = (0..<200).map { Double(($0 * 37) % 100) / 100 }
        let w = BlendWeights.fit([good, noise], labels: labels)
        XCTAssertEqual(w.reduce(0, +), 1, accuracy: 1e-9)
        XCTAssertTrue(w.allSatisfy { $0 >= 0 })
        XCTAssertGreaterThan(w[0], 0.9)
        XCTAssertEqual(BlendWeights.projectToSimplex([0.5, 0.5]), [0.5, 0.5])
        XCTAssertEqual(BlendWeights.projectToSimplex([2, 0]), [1, 0])
    }

    func testBusinessValueByHand() {
        // Offer 10, save 500 × 30% → a contacted churner nets 140, a contacted loyal customer −10.
        let bv = BusinessValue()
        let scores: [Double] = [0.9, 0.8, 0.7, 0.2]
        let labels: [Double] = [1, 0, 1, 1]
        // Contact the top 3: 2 churners (280) − 1 loyal (10) = 270; perfect = 3 × 140 = 420.
        XCTAssertEqual(bv.normalisedValue(scores: scores, labels: labels, threshold: 0.7), 270.0 / 420.0, accuracy: 1e-12)
        // F1 at 0.9: 2/(2+0+2)=0.5; at 0.7: 4/(4+1+1)=0.667; at 0.2: 6/(6+1)=0.857 → 0.2.
        XCTAssertEqual(BusinessValue.f1OptimalThreshold(scores: scores, labels: labels), 0.2)
    }
}

/// Events collected from a background run.
final class EventLog: @unchecked Sendable {
    private let lock = NSLock()
    private var events: [TrainingEvent] = []
    func append(_ e: TrainingEvent) { lock.lock(); events.append(e); lock.unlock() }
    var all: [TrainingEvent] { lock.lock(); defer { lock.unlock() }; return events }
    var count: Int { all.count }
}
