#!/usr/bin/env python3
# usage: gguf_reference_forward.py MODEL.gguf IDS.txt TEXT.txt  (needs: pip install gguf numpy)
# IDS.txt = the token ids of TEXT.txt, space-separated (from TrainedBpe.encode / the app tokenizer).
# Independent numpy forward of the GGUF (gpt2 or llama) as llama.cpp defines them; prints bits/byte.
import sys, numpy as np, gguf
r = gguf.GGUFReader(sys.argv[1]); ids = [int(x) for x in open(sys.argv[2]).read().split()]
nbytes = len(open(sys.argv[3], 'rb').read())
F = {k: f.contents() for k, f in r.fields.items() if not k.startswith('tokenizer.ggml.')}
W = {t.name: np.array(t.data, dtype=np.float64).reshape([int(d) for d in reversed(t.shape)]) for t in r.tensors}
arch = F['general.architecture']; L = F[arch + '.block_count']; H = F[arch + '.attention.head_count']
KV = F.get(arch + '.attention.head_count_kv', H); d = F[arch + '.embedding_length']; hd = d // H; T = F[arch + '.context_length']
bos = r.fields['tokenizer.ggml.bos_token_id'].contents()
def ln(x, w, b): m = x.mean(-1, keepdims=True); v = ((x - m) ** 2).mean(-1, keepdims=True); return (x - m) / np.sqrt(v + 1e-5) * w + b
def rms(x, w): return x / np.sqrt((x ** 2).mean(-1, keepdims=True) + 1e-5) * w
def rope(x, n):  # x [t, n, hd], pairs (0,1),(2,3)...
    t = np.arange(x.shape[0])[:, None]; f = 10000.0 ** (-np.arange(0, hd, 2) / hd); a = t * f
    c, s = np.cos(a)[:, None, :], np.sin(a)[:, None, :]; x0, x1 = x[..., 0::2], x[..., 1::2]
    out = np.empty_like(x); out[..., 0::2] = x0 * c - x1 * s; out[..., 1::2] = x0 * s + x1 * c; return out
def attend(q, k, v):  # q [t,H,hd], k,v [t,KV,hd]
    n = q.shape[0]; out = np.zeros_like(q); g = H // KV
    for h in range(H):
        s = q[:, h] @ k[:, h // g].T / np.sqrt(hd); s[np.triu_indices(n, 1)] = -np.inf
        p = np.exp(s - s.max(-1, keepdims=True)); p /= p.sum(-1, keepdims=True); out[:, h] = p @ v[:, h // g]
    return out.reshape(n, d)
def forward(tok):
    n = len(tok); x = W['token_embd.weight'][tok].copy()
    if arch == 'gpt2': x += W['position_embd.weight'][:n]
    for l in range(L):
        b = f'blk.{l}.'
        if arch == 'gpt2':
            h = ln(x, W[b+'attn_norm.weight'], W[b+'attn_norm.bias']); qkv = h @ W[b+'attn_qkv.weight'].T + W[b+'attn_qkv.bias']
            q, k, v = qkv[:, :d].reshape(n, H, hd), qkv[:, d:2*d].reshape(n, H, hd), qkv[:, 2*d:].reshape(n, H, hd)
            x = x + attend(q, k, v) @ W[b+'attn_output.weight'].T + W[b+'attn_output.bias']
            h = ln(x, W[b+'ffn_norm.weight'], W[b+'ffn_norm.bias']); u = h @ W[b+'ffn_up.weight'].T + W[b+'ffn_up.bias']
            u = 0.5 * u * (1 + np.tanh(np.sqrt(2 / np.pi) * (u + 0.044715 * u ** 3)))
            x = x + u @ W[b+'ffn_down.weight'].T + W[b+'ffn_down.bias']
        else:
            h = rms(x, W[b+'attn_norm.weight'])
            q = rope((h @ W[b+'attn_q.weight'].T).reshape(n, H, hd), H); k = rope((h @ W[b+'attn_k.weight'].T).reshape(n, KV, hd), KV)
            v = (h @ W[b+'attn_v.weight'].T).reshape(n, KV, hd)
            x = x + attend(q, k, v) @ W[b+'attn_output.weight'].T
            h = rms(x, W[b+'ffn_norm.weight']); g = h @ W[b+'ffn_gate.weight'].T
            x = x + (g / (1 + np.exp(-g)) * (h @ W[b+'ffn_up.weight'].T)) @ W[b+'ffn_down.weight'].T
    x = ln(x, W['output_norm.weight'], W['output_norm.bias']) if arch == 'gpt2' else rms(x, W['output_norm.weight'])
    return x @ W['token_embd.weight'].T
seq = [bos] + ids; nats = 0.0
for s in range(0, len(seq) - 1, T):
    win = seq[s:s + T + 1]; lg = forward(win[:-1]); lg -= lg.max(-1, keepdims=True)
    lp = lg - np.log(np.exp(lg).sum(-1, keepdims=True)); nats -= sum(lp[i, win[i + 1]] for i in range(len(win) - 1))
print(nats / np.log(2) / nbytes, len(ids), nbytes)
