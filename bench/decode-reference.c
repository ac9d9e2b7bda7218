// The decode step of a llama2.c-layout model in plain C, written the way llama2.c's run.c does it (one OpenMP-parallel
// matrix-vector product per weight matrix, attention heads in parallel), on random weights of the 15M/42M/110M shapes:
// a same-machine, same-minute reference for `glassbox bench` (bench/vs-c runs both in turns).
// gcc -Ofast -march=native -fopenmp decode-reference.c -lm -o decode; OMP_NUM_THREADS=N ./decode 15M [seconds]
#include <math.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void matmul(float *out, const float *x, const float *w, int n, int d) {
    int i;
#pragma omp parallel for private(i)
    for (i = 0; i < d; i++) {
        float v = 0.0f;
        for (int j = 0; j < n; j++) v += w[(long) i * n + j] * x[j];
        out[i] = v;
    }
}

static void rmsnorm(float *o, const float *x, const float *g, int n) {
    float ss = 0;
    for (int j = 0; j < n; j++) ss += x[j] * x[j];
    ss = 1.0f / sqrtf(ss / n + 1e-5f);
    for (int j = 0; j < n; j++) o[j] = g[j] * ss * x[j];
}

static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec / 1e9; }

static float *randoms(long n, unsigned *seed) {
    float *a = malloc(n * sizeof(float));
    for (long i = 0; i < n; i++) { *seed = *seed * 1664525u + 1013904223u; a[i] = ((*seed >> 8) / 16777216.0f - 0.5f) * 0.1f; }
    return a;
}

int main(int argc, char **argv) {
    int dim, hidden, layers, heads, vocab = 32000, seq = 128;
    const char *shape = argc > 1 ? argv[1] : "15M";
    if (!strcmp(shape, "15M")) { dim = 288; hidden = 768; layers = 6; heads = 6; }
    else if (!strcmp(shape, "42M")) { dim = 512; hidden = 1376; layers = 8; heads = 8; }
    else if (!strcmp(shape, "110M")) { dim = 768; hidden = 2048; layers = 12; heads = 12; }
    else { fprintf(stderr, "shape: 15M, 42M or 110M\n"); return 2; }
    double seconds = argc > 2 ? atof(argv[2]) : 4;
    int hs = dim / heads;
    unsigned seed = 42;
    float *emb = randoms((long) vocab * dim, &seed), *wq = randoms((long) layers * dim * dim, &seed),
          *wk = randoms((long) layers * dim * dim, &seed), *wv = randoms((long) layers * dim * dim, &seed),
          *wo = randoms((long) layers * dim * dim, &seed), *w1 = randoms((long) layers * dim * hidden, &seed),
          *w2 = randoms((long) layers * dim * hidden, &seed), *w3 = randoms((long) layers * dim * hidden, &seed),
          *g = randoms(dim, &seed);
    for (int i = 0; i < dim; i++) g[i] = 1.0f;
    float *x = malloc(dim * 4), *xb = malloc(dim * 4), *xb2 = malloc(dim * 4), *q = malloc(dim * 4), *hb = malloc(hidden * 4),
          *hb2 = malloc(hidden * 4), *logits = malloc((long) vocab * 4), *att = malloc((long) heads * seq * 4);
    float *kc = calloc((long) layers * seq * dim, 4), *vc = calloc((long) layers * seq * dim, 4);
    long tokens = 0;
    double t0 = 0, warm = now();
    int timing = 0;
    for (;;) {
        if (!timing && now() - warm > seconds / 4) { timing = 1; t0 = now(); tokens = 0; }
        if (timing && now() - t0 > seconds) break;
        int token = 1;
        for (int pos = 0; pos < seq; pos++, tokens++) {
            memcpy(x, emb + (long) token * dim, dim * 4);
            for (int l = 0; l < layers; l++) {
                long lo = (long) l * seq * dim;
                rmsnorm(xb, x, g, dim);
                matmul(q, xb, wq + (long) l * dim * dim, dim, dim);
                matmul(kc + lo + (long) pos * dim, xb, wk + (long) l * dim * dim, dim, dim);
                matmul(vc + lo + (long) pos * dim, xb, wv + (long) l * dim * dim, dim, dim);
                for (int i = 0; i < dim; i += 2) {   // RoPE
                    float f = 1.0f / powf(10000.0f, (float) (i % hs) / hs), a = pos * f, c = cosf(a), s = sinf(a);
                    float *k = kc + lo + (long) pos * dim;
                    float q0 = q[i], q1 = q[i + 1], k0 = k[i], k1 = k[i + 1];
                    q[i] = q0 * c - q1 * s; q[i + 1] = q0 * s + q1 * c; k[i] = k0 * c - k1 * s; k[i + 1] = k0 * s + k1 * c;
                }
                int h;
#pragma omp parallel for private(h)
                for (h = 0; h < heads; h++) {
                    float *a = att + h * seq, *o = xb + h * hs, mx = -INFINITY, sum = 0;
                    for (int t = 0; t <= pos; t++) {
                        float s = 0; const float *k = kc + lo + (long) t * dim + h * hs;
                        for (int i = 0; i < hs; i++) s += q[h * hs + i] * k[i];
                        a[t] = s / sqrtf(hs); if (a[t] > mx) mx = a[t];
                    }
                    for (int t = 0; t <= pos; t++) { a[t] = expf(a[t] - mx); sum += a[t]; }
                    memset(o, 0, hs * 4);
                    for (int t = 0; t <= pos; t++) {
                        const float *v = vc + lo + (long) t * dim + h * hs; float w = a[t] / sum;
                        for (int i = 0; i < hs; i++) o[i] += w * v[i];
                    }
                }
                matmul(xb2, xb, wo + (long) l * dim * dim, dim, dim);
                for (int i = 0; i < dim; i++) x[i] += xb2[i];
                rmsnorm(xb, x, g, dim);
                matmul(hb, xb, w1 + (long) l * dim * hidden, dim, hidden);
                matmul(hb2, xb, w3 + (long) l * dim * hidden, dim, hidden);
                for (int i = 0; i < hidden; i++) hb[i] = hb[i] / (1.0f + expf(-hb[i])) * hb2[i];
                matmul(xb, hb, w2 + (long) l * dim * hidden, hidden, dim);
                for (int i = 0; i < dim; i++) x[i] += xb[i];
            }
            rmsnorm(x, x, g, dim);
            matmul(logits, x, emb, dim, vocab);
            int best = 0;
            for (int i = 1; i < vocab; i++) if (logits[i] > logits[best]) best = i;
            token = best;
        }
    }
    double wall = now() - t0;
    double bytes = 4.0 * ((double) vocab * dim + layers * (4.0 * dim * dim + 3.0 * dim * hidden) + dim);
    printf("%s C reference, %d thread%s: decode %.1f tok/s (%.2f GB/s of weights)\n", shape, omp_get_max_threads(),
           omp_get_max_threads() == 1 ? "" : "s", tokens / wall, tokens / wall * bytes / 1e9);
    return 0;
}
