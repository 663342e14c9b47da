"""Reference figures for Descent's MLPs: loss, gradient and Hessian of small networks.

Run from the repository root with PyTorch installed (float64, CPU):

    /opt/torchenv/bin/python Scripts/references/mlp_torch.py --descent .build/debug/descent \
        > Tests/DescentTests/Fixtures/mlp_torch.json

Each case builds `nn.Sequential(nn.Linear, activation, nn.Linear, ...)` in float64,
loads a fixed flat parameter vector into it with
`torch.nn.utils.vector_to_parameters` (so the vector is laid out in
`model.parameters()` order: layer 1 weight (out x in, row-major), layer 1 bias,
layer 2 weight, ...), and computes on fixed inputs and targets:

- `loss`: `F.mse_loss` (mean over all elements) or `F.cross_entropy` (mean over
  the batch) of the model's output;
- `gradient`: `torch.autograd.grad` of the loss, flattened in the same order;
- `hessian`: `torch.autograd.functional.hessian` of the loss as a function of the
  flat vector (through `torch.func.functional_call`), row-major;
- `eigenvalues`: `torch.linalg.eigvalsh` of that Hessian, ascending.

Parameters, inputs and targets come from `numpy.random.default_rng(seed)` and are
written into the fixture, so the Swift tests use exactly the same numbers. The
fixture also records, for each case, the loss PyTorch computes after loading the
vector into a fresh model: it equals `loss`, which is the check that a flat
vector moves between the two libraries as one array.

The other direction: with `--descent PATH` (a built `descent` executable, e.g.
`.build/debug/descent`), the script runs

    descent train --layers 3,5,2 --activation tanh --loss mse --data teacher \
        --samples 4 --epochs 0 --seed 0 --quiet --save-params FILE.npy

which writes Descent's own seeded initialisation (no update: zero epochs) as
`.npy`, loads it with `np.load` into the `tanh-3-5-2-mse` model with
`vector_to_parameters`, and records under `descentExport` the array as NumPy
read it and the loss PyTorch computes with it on that case's data.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

torch.set_default_dtype(torch.float64)

ACTIVATIONS = {"tanh": nn.Tanh, "relu": nn.ReLU, "sigmoid": nn.Sigmoid, "linear": nn.Identity}


def build(widths, activation):
    layers = []
    for k in range(len(widths) - 1):
        layers.append(nn.Linear(widths[k], widths[k + 1]))
        if k < len(widths) - 2:
            layers.append(ACTIVATIONS[activation]())
    return nn.Sequential(*layers)


def case(name, widths, activation, loss, samples, seed):
    rng = np.random.default_rng(seed)
    model = build(widths, activation)
    count = sum(p.numel() for p in model.parameters())
    parameters = rng.uniform(-1.0, 1.0, size=count)
    inputs = rng.normal(size=(samples, widths[0]))
    if loss == "mse":
        targets = rng.normal(size=(samples, widths[-1]))
        target_tensor = torch.tensor(targets)
        labels = None
    else:
        labels = rng.integers(0, widths[-1], size=samples)
        target_tensor = torch.tensor(labels, dtype=torch.long)
        targets = None
    x = torch.tensor(inputs)

    def criterion(output):
        if loss == "mse":
            return F.mse_loss(output, target_tensor)
        return F.cross_entropy(output, target_tensor)

    flat = torch.tensor(parameters)
    nn.utils.vector_to_parameters(flat, model.parameters())
    value = criterion(model(x))
    grads = torch.autograd.grad(value, list(model.parameters()))
    gradient = torch.cat([g.reshape(-1) for g in grads])

    names = [n for n, _ in model.named_parameters()]
    shapes = [p.shape for p in model.parameters()]

    def loss_of_flat(theta):
        tensors, offset = {}, 0
        for n, s in zip(names, shapes):
            size = int(np.prod(s))
            tensors[n] = theta[offset : offset + size].reshape(s)
            offset += size
        return criterion(torch.func.functional_call(model, tensors, (x,)))

    hessian = torch.autograd.functional.hessian(loss_of_flat, flat.clone())
    eigenvalues = torch.linalg.eigvalsh(hessian)

    fresh = build(widths, activation)
    nn.utils.vector_to_parameters(torch.tensor(parameters), fresh.parameters())
    with torch.no_grad():
        reloaded = criterion(fresh(x)).item()

    return {
        "name": name,
        "widths": widths,
        "activation": activation,
        "loss": loss,
        "parameters": parameters.tolist(),
        "inputs": inputs.reshape(-1).tolist(),
        "targets": None if targets is None else targets.reshape(-1).tolist(),
        "labels": None if labels is None else [int(v) for v in labels],
        "value": value.item(),
        "reloadedValue": reloaded,
        "gradient": gradient.tolist(),
        "hessian": hessian.reshape(-1).tolist(),
        "eigenvalues": eigenvalues.tolist(),
    }


def descent_export(descent, tanh_case):
    with tempfile.TemporaryDirectory() as directory:
        path = os.path.join(directory, "theta.npy")
        subprocess.run(
            [descent, "train", "--layers", "3,5,2", "--activation", "tanh", "--loss", "mse",
             "--data", "teacher", "--samples", "4", "--epochs", "0", "--seed", "0", "--quiet",
             "--save-params", path],
            check=True, stdout=subprocess.DEVNULL)
        parameters = np.load(path)
    model = build([3, 5, 2], "tanh")
    nn.utils.vector_to_parameters(torch.tensor(parameters), model.parameters())
    x = torch.tensor(np.array(tanh_case["inputs"]).reshape(-1, 3))
    y = torch.tensor(np.array(tanh_case["targets"]).reshape(-1, 2))
    with torch.no_grad():
        value = F.mse_loss(model(x), y).item()
    return {"seed": 0, "dtype": str(parameters.dtype), "parameters": parameters.tolist(),
            "value": value}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--descent", help="a built descent executable, for descentExport")
    arguments = parser.parse_args()
    cases = [
        case("tanh-3-5-2-mse", [3, 5, 2], "tanh", "mse", samples=7, seed=1),
        case("relu-4-6-3-cross-entropy", [4, 6, 3], "relu", "cross-entropy", samples=9, seed=2),
        case("sigmoid-2-4-3-1-mse", [2, 4, 3, 1], "sigmoid", "mse", samples=5, seed=3),
        case("tanh-5-8-4-cross-entropy", [5, 8, 4], "tanh", "cross-entropy", samples=11, seed=4),
    ]
    document = {
        "generator": "Scripts/references/mlp_torch.py",
        "torch": torch.__version__,
        "cases": cases,
    }
    if arguments.descent:
        document["descentExport"] = descent_export(arguments.descent, cases[0])
    json.dump(document, sys.stdout, sort_keys=True, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
