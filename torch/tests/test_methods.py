"""The exported package against the lab's golden values (scripts/golden/methods-golden.json, from
the independent PyTorch/NumPy reference scripts/golden/methods_golden.py), with the tolerances of
the lab's own tests. Run: /usr/bin/python3 -m unittest discover -s torch/tests"""
import json
import os
import sys
import unittest

import numpy as np
import torch

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "torch"))

from distill_lab_torch import moments as mom  # noqa: E402
from distill_lab_torch.avatars import batch_standardize, perturb, uncertainty_weights  # noqa: E402
from distill_lab_torch.dfl import SnapshotPool, reset_due, reset_layers  # noqa: E402
from distill_lab_torch.hadamard import hadamard  # noqa: E402
from distill_lab_torch.losses import cross_entropy, feature_loss, kd_loss, ofa_loss, standardize_logits  # noqa: E402
from distill_lab_torch.models import build  # noqa: E402
from distill_lab_torch.normalizers import KINDS, fit, stream_refit_due  # noqa: E402

with open(os.path.join(ROOT, "scripts", "golden", "methods-golden.json"), encoding="utf-8") as f:
    GOLDEN = json.load(f)


def rel(a, b):
    a, b = np.asarray(a, dtype=np.float64).ravel(), np.asarray(b, dtype=np.float64).ravel()
    return float(np.max(np.abs(a - b)) / max(1.0, float(np.max(np.abs(b)))))


def t64(x, grad=False):
    return torch.tensor(np.asarray(x, dtype=np.float64), requires_grad=grad)


class Normalizers(unittest.TestCase):
    def test_every_kind_matches_the_golden_outputs(self):
        for name, case in GOLDEN["normalizers"].items():
            y = t64(case["features"])
            stats = mom.of_batch(y)
            for kind in KINDS:
                with self.subTest(set=name, kind=kind):
                    self.assertLess(rel(fit(kind, stats).forward(y).numpy(), case["outputs"][kind]), 1e-8)

    def test_inverse_undoes_forward(self):
        y = t64(GOLDEN["normalizers"]["c12"]["features"])
        for kind in KINDS:
            n = fit(kind, mom.of_batch(y))
            self.assertLess(rel(n.inverse(n.forward(y)).numpy(), y.numpy()), 1e-9, kind)

    def test_phi_s_gives_unit_variance_per_dimension(self):
        y = t64(GOLDEN["normalizers"]["c12"]["features"])
        out = fit("phi-s", mom.of_batch(y)).forward(y)
        np.testing.assert_allclose(out.var(0, unbiased=True).numpy(), 1.0, atol=1e-10)

    def test_target_variance_is_the_normalized_channel_variance(self):
        y = t64(GOLDEN["normalizers"]["c8"]["features"])
        for kind in ("per-dim", "pca", "zca", "phi-s", "global"):
            n = fit(kind, mom.of_batch(y))
            np.testing.assert_allclose(n.target_variance(), n.forward(y).var(0).numpy(), rtol=1e-9, err_msg=kind)

    def test_streaming_refit_schedule(self):
        due = [n for n in range(1, 651) if stream_refit_due(n, 650)]  # merging stops at F
        self.assertEqual(due, [1, 2, 4, 8, 16, 32, 64, 100, 200, 300, 400, 500, 600, 650])


class Moments(unittest.TestCase):
    def test_chan_merge_equals_the_whole(self):
        y = t64(GOLDEN["normalizers"]["c8"]["features"])
        whole = mom.of_batch(y)
        merged = mom.merge(mom.merge(mom.of_batch(y[:7]), mom.of_batch(y[7:30])), mom.of_batch(y[30:]))
        self.assertEqual(merged.count, whole.count)
        self.assertLess(rel(merged.comoment, whole.comoment), 1e-12)
        self.assertLess(rel(merged.mean, whole.mean), 1e-12)


class Hadamard(unittest.TestCase):
    def test_orthonormal_and_exact(self):
        for n in (1, 2, 12, 20, 24, 28, 36, 40, 44, 48, 56, 60, 64, 128):
            h, exact, _ = hadamard(n)
            self.assertTrue(exact, n)
            np.testing.assert_allclose(h @ h.T, np.eye(n), atol=1e-12)
            np.testing.assert_allclose(np.abs(h), 1 / np.sqrt(n), atol=1e-12)

    def test_random_orthogonal_stand_in(self):
        h, exact, construction = hadamard(10, seed=3)
        self.assertFalse(exact)
        self.assertEqual(construction, "random-orthogonal")
        np.testing.assert_allclose(h @ h.T, np.eye(10), atol=1e-12)


class Losses(unittest.TestCase):
    def test_logit_losses_values_and_gradients(self):
        lg = GOLDEN["logits"]
        zt, labels = t64(lg["teacher"]), torch.tensor(lg["labels"])
        cases = {
            "kd_T4": lambda s: kd_loss(s, zt, 4.0),
            "kd_T1": lambda s: kd_loss(s, zt, 1.0),
            "lskd_T2": lambda s: kd_loss(s, zt, 2.0, standardize=True),
            "ofa_code_eps1_T1": lambda s: ofa_loss(s, zt, labels, 1.0, 1.0, "code"),
            "ofa_code_eps1.5_T1": lambda s: ofa_loss(s, zt, labels, 1.5, 1.0, "code"),
            "ofa_code_eps1.5_T2": lambda s: ofa_loss(s, zt, labels, 1.5, 2.0, "code"),
            "ofa_paper_eps1.5_T1": lambda s: ofa_loss(s, zt, labels, 1.5, 1.0, "paper"),
            "ce": lambda s: cross_entropy(s, labels),
        }
        for name, fn in cases.items():
            with self.subTest(name):
                s = t64(lg["student"], grad=True)
                v = fn(s)
                v.backward()
                gold = GOLDEN["logitLosses"][name]
                self.assertLess(abs(float(v) - gold["value"]) / max(1, abs(gold["value"])), 1e-5)
                self.assertLess(rel(s.grad.numpy(), gold["grad"]), 1e-5)

    def test_standardized_logits(self):
        self.assertLess(rel(standardize_logits(t64(GOLDEN["logits"]["student"])).numpy(), GOLDEN["standardized"]["student"]), 1e-6)

    def test_feature_losses_values_and_gradients(self):
        for kind, gold in GOLDEN["featureLosses"].items():
            with self.subTest(kind):
                p = t64(GOLDEN["features"]["pred"], grad=True)
                v = feature_loss(kind, p, t64(GOLDEN["features"]["target"]), beta=2.0)
                v.backward()
                self.assertLess(abs(float(v) - gold["value"]) / max(1, abs(gold["value"])), 1e-5)
                self.assertLess(rel(p.grad.numpy(), gold["grad"]), 1e-5)


class Avatars(unittest.TestCase):
    def test_batch_standardize_matches_the_golden(self):
        self.assertLess(rel(batch_standardize(t64(GOLDEN["avatars"]["vanilla"])).numpy(), GOLDEN["avatars"]["batchStandardized"]), 1e-6)

    def test_uncertainty_weight_is_scale_free_and_falls_with_the_perturbation(self):
        y = t64(GOLDEN["normalizers"]["c8"]["features"])
        def mean_weight(scale, rate):
            ys = y * scale
            n = fit("phi-s", mom.of_batch(ys))
            avatars = [perturb(ys, "dropout", rate, generator=torch.Generator().manual_seed(k)) for k in range(4)]
            lam, _ = uncertainty_weights(n(ys), [n(a) for a in avatars], n.target_variance())
            return float(lam.mean())

        self.assertAlmostEqual(mean_weight(1, 0.1), mean_weight(10, 0.1), places=9)
        self.assertGreater(mean_weight(1, 0.05), mean_weight(1, 0.3))

    def test_uncertainty_weight_formula(self):
        rng = np.random.default_rng(1)
        y, a = rng.normal(size=(5, 3)), [rng.normal(size=(5, 3)) for _ in range(3)]
        v = np.array([0.5, 2.0, 4.0])
        lam, _ = uncertainty_weights(t64(y), [t64(x) for x in a], v)
        u = np.mean([(x - y) ** 2 for x in a], axis=0)
        np.testing.assert_allclose(lam.numpy(), 1 / (1 + u / v), rtol=1e-12)


class Dfl(unittest.TestCase):
    def test_reset_schedule_and_pool(self):
        self.assertEqual([s for s in range(0, 700) if reset_due(s, 300)], [300, 600])
        net = build({"arch": "mlp", "inputShape": [4, 4, 1], "numClasses": 3, "width": 8, "depth": 2, "featureDim": 5})
        pool = SnapshotPool(2, "best-val")
        self.assertEqual(pool.offer(1, 0.5, net), (True, None))
        self.assertEqual(pool.offer(2, 0.7, net), (True, None))
        self.assertEqual(pool.offer(3, 0.4, net), (False, None))
        self.assertEqual(pool.offer(4, 0.9, net), (True, 1))
        before = net.head.weight.clone()
        names, params = reset_layers(net.layers(), 1, seed=5)
        self.assertEqual(names, ["head"])
        self.assertEqual(len(params), 2)
        self.assertFalse(torch.equal(before, net.head.weight))
        self.assertTrue(torch.all(net.head.bias == 0))


if __name__ == "__main__":
    unittest.main()
