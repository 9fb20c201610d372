"""PyTorch baseline for the GPU benchmark (gpu-worker/bench/gpu.ts): the project's Fashion-MNIST UNet
(models/unet.ts), linear schedule and ε-prediction training step with the same optimizer (Adam,
global-norm clipping at 1, EMA 0.999), written the way a student would in PyTorch. Used only for
measurement: nothing in the platform imports it.

    python3 gpu-worker/bench/torch_reference.py [--batch 64] [--base-channels 16] [--steps 50] [--json]

Prints ms per training step and per DDIM sampling step (denoiser forward + update, no grad) on the
first CUDA device (else the CPU), timed between torch.cuda.synchronize() calls after warm-up steps.
"""

import argparse
import json
import math
import time

import torch
from torch import nn
import torch.nn.functional as F


def sinusoidal_embedding(t: torch.Tensor, dim: int, max_period: float = 10_000.0) -> torch.Tensor:
    half = dim // 2
    freqs = torch.exp(-math.log(max_period) * torch.arange(half, device=t.device, dtype=torch.float32) / half)
    angles = t.float()[:, None] * freqs[None]
    return torch.cat([torch.cos(angles), torch.sin(angles)], dim=1)


class ResidualBlock(nn.Module):
    def __init__(self, in_ch: int, out_ch: int, time_dim: int, groups: int):
        super().__init__()
        self.norm1 = nn.GroupNorm(groups, in_ch)
        self.conv1 = nn.Conv2d(in_ch, out_ch, 3, padding=1)
        self.time_proj = nn.Linear(time_dim, out_ch)
        self.norm2 = nn.GroupNorm(groups, out_ch)
        self.conv2 = nn.Conv2d(out_ch, out_ch, 3, padding=1)
        self.skip = nn.Conv2d(in_ch, out_ch, 1) if in_ch != out_ch else nn.Identity()

    def forward(self, x: torch.Tensor, temb: torch.Tensor) -> torch.Tensor:
        h = self.conv1(F.silu(self.norm1(x))) + self.time_proj(temb)[:, :, None, None]
        h = self.conv2(F.silu(self.norm2(h)))
        return h + self.skip(x)


class SelfAttention2d(nn.Module):
    """Single head over the H·W positions, as models/unet.ts's mid block."""

    def __init__(self, channels: int):
        super().__init__()
        self.qkv = nn.Linear(channels, 3 * channels)
        self.out = nn.Linear(channels, channels)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        b, c, h, w = x.shape
        seq = x.flatten(2).transpose(1, 2)  # [B, N, C]
        q, k, v = self.qkv(seq).chunk(3, dim=-1)
        attention = torch.softmax(q @ k.transpose(1, 2) / math.sqrt(c), dim=-1)
        return self.out(attention @ v).transpose(1, 2).reshape(b, c, h, w)


class Unet(nn.Module):
    def __init__(self, base_channels: int = 16, image_channels: int = 1, groups: int = 8):
        super().__init__()
        c = base_channels
        self.c = c
        time_dim = 4 * c
        self.time_mlp = nn.Sequential(nn.Linear(c, time_dim), nn.SiLU(), nn.Linear(time_dim, time_dim), nn.SiLU())
        self.conv_in = nn.Conv2d(image_channels, c, 3, padding=1)
        self.down0 = ResidualBlock(c, c, time_dim, groups)
        self.downsample0 = nn.Conv2d(c, c, 3, stride=2, padding=1)
        self.down1 = ResidualBlock(c, 2 * c, time_dim, groups)
        self.downsample1 = nn.Conv2d(2 * c, 2 * c, 3, stride=2, padding=1)
        self.mid0 = ResidualBlock(2 * c, 2 * c, time_dim, groups)
        self.attention_norm = nn.GroupNorm(groups, 2 * c)
        self.attention = SelfAttention2d(2 * c)
        self.mid1 = ResidualBlock(2 * c, 2 * c, time_dim, groups)
        self.up1 = ResidualBlock(4 * c, 2 * c, time_dim, groups)
        self.up0 = ResidualBlock(3 * c, c, time_dim, groups)
        self.out_norm = nn.GroupNorm(groups, c)
        self.conv_out = nn.Conv2d(c, image_channels, 3, padding=1)

    def forward(self, x: torch.Tensor, t: torch.Tensor) -> torch.Tensor:
        temb = self.time_mlp(sinusoidal_embedding(t, self.c))
        skip0 = self.down0(self.conv_in(x), temb)
        skip1 = self.down1(self.downsample0(skip0), temb)
        h = self.mid0(self.downsample1(skip1), temb)
        h = h + self.attention(self.attention_norm(h))
        h = self.mid1(h, temb)
        h = self.up1(torch.cat([F.interpolate(h, scale_factor=2, mode="nearest"), skip1], dim=1), temb)
        h = self.up0(torch.cat([F.interpolate(h, scale_factor=2, mode="nearest"), skip0], dim=1), temb)
        return self.conv_out(F.silu(self.out_norm(h)))


def ema_update(ema: list, params: list, weight: float) -> None:
    """ema ← ema + weight·(param − ema): one fused call where PyTorch has it (2.0+), per tensor before
    (Debian's python3-torch 1.13, the CPU reference)."""
    if hasattr(torch, "_foreach_lerp_"):
        torch._foreach_lerp_(ema, params, weight)
    else:
        for average, param in zip(ema, params):
            average.lerp_(param, weight)


def linear_alphas_cumprod(timesteps: int = 1000) -> torch.Tensor:
    betas = torch.linspace(1e-4, 0.02, timesteps, dtype=torch.float32)
    return torch.cumprod(1 - betas, dim=0)


def timed(run, count: int, device: torch.device) -> float:
    """Milliseconds per call of run() over `count` calls, the GPU queue drained before and after."""
    if device.type == "cuda":
        torch.cuda.synchronize()
    start = time.perf_counter()
    for i in range(count):
        run(i)
    if device.type == "cuda":
        torch.cuda.synchronize()
    return (time.perf_counter() - start) * 1000 / count


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--base-channels", type=int, default=16)
    parser.add_argument("--steps", type=int, default=50)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    torch.manual_seed(0)
    model = Unet(args.base_channels).to(device)
    ema = [p.detach().clone() for p in model.parameters()]
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-4, betas=(0.9, 0.999), eps=1e-8)
    alphas_cumprod = linear_alphas_cumprod().to(device)
    data = torch.randn(256, 1, 28, 28, device=device)

    def train_step(i: int) -> None:
        # The batch is drawn on the device, as a DataLoader-fed loop would have it there already.
        x0 = data[torch.randint(0, data.shape[0], (args.batch,), device=device)]
        t = torch.randint(0, 1000, (args.batch,), device=device)
        noise = torch.randn_like(x0)
        ab = alphas_cumprod[t][:, None, None, None]
        xt = ab.sqrt() * x0 + (1 - ab).sqrt() * noise
        loss = F.mse_loss(model(xt, t), noise)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        with torch.no_grad():
            ema_update(ema, list(model.parameters()), 1 - 0.999)

    timesteps = list(range(999, -1, -20))  # 50 DDIM steps, leading spacing

    @torch.no_grad()
    def ddim_step(x: torch.Tensor, index: int) -> torch.Tensor:
        t = timesteps[index % len(timesteps)]
        prev = t - 20
        ab = alphas_cumprod[t]
        ab_prev = alphas_cumprod[prev] if prev >= 0 else torch.tensor(1.0, device=device)
        eps = model(x, torch.full((x.shape[0],), t, device=device))
        x0 = ((x - (1 - ab).sqrt() * eps) / ab.sqrt()).clamp(-1, 1)
        return ab_prev.sqrt() * x0 + (1 - ab_prev).sqrt() * eps

    warmup = max(5, args.steps // 10)
    timed(train_step, warmup, device)
    train_ms = timed(train_step, args.steps, device)

    model.eval()
    x = torch.randn(args.batch, 1, 28, 28, device=device)

    def sample_step(i: int) -> None:
        nonlocal x
        x = ddim_step(x, i)

    timed(sample_step, warmup, device)
    sample_ms = timed(sample_step, args.steps, device)

    result = {
        "engine": "pytorch",
        "torch": torch.__version__,
        "device": torch.cuda.get_device_name(0) if device.type == "cuda" else "cpu",
        "batchSize": args.batch,
        "baseChannels": args.base_channels,
        "parameters": sum(p.numel() for p in model.parameters()),
        "trainStepMs": train_ms,
        "sampleStepMs": sample_ms,
    }
    if args.json:
        print(json.dumps(result))
    else:
        for key, value in result.items():
            print(f"{key}: {value:.3f}" if isinstance(value, float) else f"{key}: {value}")


if __name__ == "__main__":
    main()
