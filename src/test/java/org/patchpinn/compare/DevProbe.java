package org.patchpinn.compare;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.patchpinn.testing.SharedData;

@Tag("benchmark")
class DevProbe {
    @Test
    void probe() {
        Manifest m = ManifestReader.read(SharedData.path("bench/public/glucose/manifest.csv"), "glucose_mM");
        Map<String, List<ManifestEntry>> byCell = new LinkedHashMap<>();
        m.usable().forEach(e -> byCell.computeIfAbsent(e.cell(), k -> new ArrayList<>()).add(e));
        List<ConductanceDecomposition.Observation> obs = new ArrayList<>();
        for (var en : byCell.entrySet()) {
            List<SubthresholdSystem> sys = new ArrayList<>();
            for (ManifestEntry e : en.getValue()) {
                sys.add(SubthresholdSystem.build(ClampedSweep.of(org.patchpinn.io.Recordings.open(e.file())), SubthresholdSettings.DEFAULT));
                LinearMembrane one = LinearMembraneSolver.solve(sys.get(sys.size() - 1));
                System.out.printf("single %s C=%.1f g=%.3f±%.3f E=%.2f±%.3f gM=%.2f n=%d%n", e.name(), one.cPf(), one.gNs(), one.seG(), one.eMv(), one.seE(), one.gMNs(), one.windows());
            }
            List<LinearMembrane> joint = LinearMembraneSolver.solveJoint(sys);
            for (int i = 0; i < joint.size(); i++) {
                LinearMembrane j = joint.get(i);
                ManifestEntry e = en.getValue().get(i);
                System.out.printf("joint %s C=%.1f g=%.3f±%.3f E=%.2f±%.3f gM=%.2f%n", e.name(), j.cPf(), j.gNs(), j.seG(), j.eMv(), j.seE(), j.gMNs());
                obs.add(new ConductanceDecomposition.Observation(e.name(), e.cell(), e.condition(), j.gNs(), j.eMv(), j.seG(), j.seE()));
            }
        }
        long t0 = System.nanoTime();
        var r = ConductanceDecomposition.fit(obs, 200, 1);
        System.out.println("decomp s " + (System.nanoTime() - t0) / 1e9);
        System.out.println("EX " + r.ex() + "\nlaw " + r.law() + " r2 " + r.lawR2() + "\ngmax " + r.gmax() + "\nK " + r.k() + "\nh " + r.h());
        r.cells().forEach(System.out::println);
        for (int i = 0; i < obs.size(); i++) {
            double G = obs.get(i).condition();
            System.out.printf("%s gx=%.3f [%.3f, %.3f] law=%.3f truth=%.3f%n", obs.get(i).recording(), r.gx().get(i).value(), r.gx().get(i).ciLow(), r.gx().get(i).ciHigh(), r.law().value(G), 5 / (1 + Math.pow(G / 1.5, 2)));
        }
        r.heldOut().forEach(System.out::println);
    }
}
