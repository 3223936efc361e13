#!/usr/bin/env python3
"""Writes the shipped latency tables of latency/ from their cited anchors.

The shipped tables are MODEL ESTIMATES, not measurements: no public source found gives the
step time of these models at every batched-token count, so each table is the line

    ms(n) = t1 + s * (n - 1)

through a cited batch-1 decode step time t1, with a slope s taken from measured prefill (first
token) latencies at two prompt lengths, converted to the table's model and precision. Every
number and its source is listed below and repeated in each file's '#' lines and in
docs/latency.md. Run from anywhere: python3 latency/derive_estimates.py
"""
import os
import textwrap

# Parameter counts from the models' published configurations (hidden size, layers, MLP size,
# vocabulary, grouped-query attention), e.g. Llama 3 8B: 32 layers x 218.1e6 + 2 x 525.3e6
# (embeddings and LM head) = 8,030,261,248.
LLAMA3_8B = 8.030261248e9
LLAMA3_70B = 70.553706496e9
LLAMA2_7B = 6.738415616e9    # "LLaMA 7B" in the TensorRT-LLM tables
LLAMA2_70B = 68.976648192e9  # "LLaMA 70B" in the TensorRT-LLM tables

# The sources, cited in each table as [name].
SOURCES = {
    "trtllm": ("NVIDIA/TensorRT-LLM, docs/source/performance.md, section \"Low Latency\" (batch 1, "
               "first-token latency; data from TensorRT-LLM v0.5): H100 FP8 LLaMA 7B 7 ms at 128 "
               "and 36 ms at 2048 input tokens, LLaMA 70B (TP 4) 26 ms and 109 ms; A100 FP16 "
               "LLaMA 7B 16 ms and 133 ms. https://github.com/NVIDIA/TensorRT-LLM/blob/"
               "138f96d45f90b9667426f7c47297d8c06bafac73/docs/source/performance.md"),
    "model.md": ("the project's reference table, docs/model.md, \"Realistic parameter "
                 "ranges\": 8B on H100 at batch 1-8: 6-7 ms per step; 70B: 16 ms on 4 GPUs."),
    "h100": ("NVIDIA H100 Tensor Core GPU datasheet, H100 SXM: 3.35 TB/s; BF16 1,979 and FP8 "
             "3,958 TFLOPS with sparsity, half without (989 and 1,979)."),
    "a100": ("NVIDIA A100 Tensor Core GPU datasheet: 1,555 GB/s (40GB SXM), 2,039 GB/s (80GB "
             "SXM); BF16 and FP16 312 TFLOPS dense."),
    "musgrave": ("J. Musgrave, \"vLLM throughput-latency sweep on NVIDIA A100\": "
                 "Llama-3.1-8B-Instruct, BF16, vLLM 0.23.0, one A100 40GB: decode at one request "
                 "runs at about 75 tokens/s. https://johnmusgrave.com/p/"
                 "vllm-throughput-latency-sweep-on"),
    "config": ("the models' published configurations (hidden size, layers, MLP size, vocabulary, "
               "grouped-query attention): Llama 3 8B 8,030,261,248 and 70B 70,553,706,496 "
               "parameters; Llama 2 (TensorRT-LLM's \"LLaMA\") 7B 6,738,415,616 and 70B "
               "68,976,648,192."),
}

GRID = [2 ** k for k in range(15)]  # 1 .. 16384 batched tokens


def slope(ms_short, ms_long, short=128, long=2048):
    return (ms_long - ms_short) / (long - short)


TABLES = [
    {
        "file": "llama3-8b-h100.csv",
        "title": "Llama 3 8B (8.03e9 parameters), BF16 weights, one NVIDIA H100 SXM 80GB.",
        "t1": 6.5,
        "t1_why": [
            "t1 = 6.5 ms: one decode step at batch 1, the middle of the 6-7 ms of [model.md].",
            "  For comparison, streaming the 16.06 GB of weights at 3,350 GB/s [h100] takes",
            "  4.79 ms: t1 is that at 74% of peak bandwidth, plus per-step overheads.",
        ],
        "sources": ["model.md", "h100", "trtllm", "config"],
        "s": 2 * slope(7, 36) * LLAMA3_8B / LLAMA2_7B,
        "s_why": [
            "s = 2 x (36 - 7) / (2048 - 128) x 8.030 / 6.738 ms per batched token: the slope",
            "  of the measured first-token latencies of LLaMA 7B on one H100 in FP8 [trtllm],",
            "  x 2 as the H100's dense BF16 peak is half its FP8 peak [h100], x 8.030 / 6.738",
            "  for the parameters of Llama 3 8B over LLaMA 7B's [config]. This is 45% of the",
            "  dense BF16 peak (2 x 8.03e9 flops per token / 989e12 flop/s = 0.01624 ms).",
        ],
    },
    {
        "file": "llama3-70b-4xh100.csv",
        "title": ("Llama 3 70B (70.55e9 parameters), BF16 weights, tensor-parallel on 4 NVIDIA "
                  "H100 SXM 80GB (NVLink)."),
        "t1": 16.0,
        "t1_why": [
            "t1 = 16 ms: one decode step at batch 1, a 70B target on 4 GPUs [model.md].",
            "  For comparison, streaming 141.1 GB of weights at 4 x 3,350 GB/s [h100] takes",
            "  10.5 ms: t1 is that at 66% of peak, plus the tensor-parallel all-reduces and",
            "  per-step overheads.",
        ],
        "sources": ["model.md", "h100", "trtllm", "config"],
        "s": 2 * slope(26, 109) * LLAMA3_70B / LLAMA2_70B,
        "s_why": [
            "s = 2 x (109 - 26) / (2048 - 128) x 70.554 / 68.977 ms per batched token: the",
            "  slope of the measured first-token latencies of LLaMA 70B on 4 H100 (tensor",
            "  parallel 4) in FP8 [trtllm], x 2 as the H100's dense BF16 peak is half its FP8",
            "  peak [h100], x 70.554 / 68.977 for the parameters of Llama 3 70B over LLaMA",
            "  70B's [config]. This is 40% of the 4 GPUs' dense BF16 peak (2 x 70.55e9 flops",
            "  per token / (4 x 989e12) flop/s = 0.03567 ms).",
        ],
    },
    {
        "file": "llama3-8b-a100.csv",
        "title": "Llama 3 8B (8.03e9 parameters), BF16 weights, one NVIDIA A100 SXM 80GB.",
        "t1": 1000 / 75 * 1555 / 2039,
        "t1_why": [
            "t1 = 1000 / 75 x 1555 / 2039 ms: one decode step at batch 1. 75 tokens/s is the",
            "  measured batch-1 decode rate of Llama 3.1 8B (the architecture and size of",
            "  Llama 3 8B) on an A100 40GB [musgrave], scaled from that part's 1,555 GB/s to",
            "  the 80GB part's 2,039 GB/s [a100], as a batch-1 decode step is memory-bound.",
            "  Streaming 16.06 GB at 2,039 GB/s takes 7.88 ms: t1 is that at 77% of peak, as",
            "  the source found on the 40GB part.",
        ],
        "sources": ["musgrave", "a100", "trtllm", "config"],
        "s": slope(16, 133) * LLAMA3_8B / LLAMA2_7B,
        "s_why": [
            "s = (133 - 16) / (2048 - 128) x 8.030 / 6.738 ms per batched token: the slope of",
            "  the measured first-token latencies of LLaMA 7B on one A100 in FP16 [trtllm]",
            "  (FP16 and BF16 have the same dense peak on the A100 [a100]), x 8.030 / 6.738 for",
            "  the parameters of Llama 3 8B over LLaMA 7B's [config]. This is 71% of the dense",
            "  peak (2 x 8.03e9 flops per token / 312e12 flop/s = 0.05148 ms).",
        ],
    },
]

COMMON = [
    "batched_tokens: the token positions one forward step processes for the whole batch (a",
    "  verify step of b requests with windows of gamma tokens: b x (gamma + 1); an",
    "  autoregressive step: b; a prefill: the prompt tokens). See docs/latency.md.",
    "Not modelled: attention over long contexts (KV-cache reads grow with requests x context",
    "  length), so real steps at large batches and long contexts take longer than these rows.",
    "Replace these rows with measurements when you have them (docs/latency.md, \"Measuring",
    "  your own table\"). Generated by latency/derive_estimates.py; do not edit by hand.",
]


def write(table, directory):
    t1, s = table["t1"], table["s"]
    lines = [table["title"],
             "MODEL ESTIMATE, NOT A MEASUREMENT: every row below is computed as",
             "  ms(n) = t1 + s x (n - 1),  t1 = %.3f ms,  s = %.6f ms per batched token" % (t1, s)]
    lines += table["t1_why"] + table["s_why"] + COMMON + ["Sources:"]
    for name in table["sources"]:
        lines += textwrap.wrap("[%s] %s" % (name, SOURCES[name]), width=94,
                               subsequent_indent="  ", break_on_hyphens=False,
                               break_long_words=False)
    with open(os.path.join(directory, table["file"]), "w") as out:
        for line in lines:
            out.write("# " + line + "\n")
        out.write("batched_tokens,ms\n")
        for n in GRID:
            out.write("%d,%.3f\n" % (n, t1 + s * (n - 1)))


if __name__ == "__main__":
    here = os.path.dirname(os.path.abspath(__file__))
    for table in TABLES:
        write(table, here)
        print("%s: t1 = %.3f ms, s = %.6f ms/token, ms(8192) = %.1f" %
              (table["file"], table["t1"], table["s"], table["t1"] + table["s"] * 8191))
