"""Recomputes the float32 reference values of ddpm-numerics.md with NumPy, step by step as Hugging Face
diffusers' DDPMScheduler builds its schedules (scheduling_ddpm.py: betas in float32, then
alphas = 1 - betas and alphas_cumprod = cumprod(alphas) in float32). Prints each value to 8
significant digits, the precision the tests compare.

    python3 gpu-worker/ddpm/ddpm_numerics.py
"""
import math

import numpy as np

T = 1000


def linear(beta_start=1e-4, beta_end=0.02):
    return np.linspace(beta_start, beta_end, T, dtype=np.float32)


def squaredcos_cap_v2(max_beta=0.999):
    # betas_for_alpha_bar: computed in Python floats, then stored as float32.
    alpha_bar = lambda t: math.cos((t + 0.008) / 1.008 * math.pi / 2) ** 2
    return np.array([min(1 - alpha_bar((i + 1) / T) / alpha_bar(i / T), max_beta) for i in range(T)], dtype=np.float32)


def cumprod32(betas):
    alphas = (np.float32(1.0) - betas).astype(np.float32)
    return np.cumprod(alphas, dtype=np.float32)


def digits(x):
    return float(f"{float(x):.8g}")


lin = cumprod32(linear())
cos_betas = squaredcos_cap_v2()
cos = cumprod32(cos_betas)
print("linear alphas_cumprod[0], [499], [999]:", digits(lin[0]), digits(lin[499]), digits(lin[999]))
print("cosine betas[0], betas[999], alphas_cumprod[499]:", digits(cos_betas[0]), digits(cos_betas[999]), digits(cos[499]))

# One DDPM and one DDIM step, in float32 as diffusers runs them on float32 tensors: linear schedule,
# epsilon prediction, clip_sample=True, set_timesteps(50) with "leading" spacing, t = 500 -> 480.
f32 = np.float32
sample = np.array([0.3, -1.2, 2.5, 0.05], dtype=f32)
model_output = np.array([0.1, -0.7, 1.3, -2.0], dtype=f32)
noise = np.array([0.4, -1.1, 0.25, 1.7], dtype=f32)
t, prev_t = 500, 480
alpha_prod_t, alpha_prod_t_prev = lin[t], lin[prev_t]
beta_prod_t, beta_prod_t_prev = f32(1) - alpha_prod_t, f32(1) - alpha_prod_t_prev
pred_original = np.clip((sample - np.sqrt(beta_prod_t) * model_output) / np.sqrt(alpha_prod_t), -1, 1).astype(f32)

# DDPMScheduler.step, variance_type="fixed_small".
current_alpha_t = alpha_prod_t / alpha_prod_t_prev
current_beta_t = f32(1) - current_alpha_t
mean = (np.sqrt(alpha_prod_t_prev) * current_beta_t / beta_prod_t) * pred_original + (np.sqrt(current_alpha_t) * beta_prod_t_prev / beta_prod_t) * sample
variance = max(beta_prod_t_prev / beta_prod_t * current_beta_t, f32(1e-20))
ddpm_prev = (mean + np.sqrt(variance) * noise).astype(f32)

# DDIMScheduler.step, eta=0.5, use_clipped_model_output=False.
eta = f32(0.5)
std = eta * np.sqrt((beta_prod_t_prev / beta_prod_t) * (f32(1) - alpha_prod_t / alpha_prod_t_prev))
ddim_prev = (np.sqrt(alpha_prod_t_prev) * pred_original + np.sqrt(f32(1) - alpha_prod_t_prev - std**2) * model_output + std * noise).astype(f32)

print("pred_original_sample:", [digits(v) for v in pred_original])
print("DDPM prev_sample:", [digits(v) for v in ddpm_prev])
print("DDIM prev_sample:", [digits(v) for v in ddim_prev])
