#pragma once
// SimGrid counts seconds; dsdsi's scenarios and records count milliseconds. Convert only here.
//
// Two ways to let time pass: computing (drafting, prefilling, verifying) runs on the actor's host
// as a SimGrid execution, so the host is busy and its energy plugin charges busy power; waiting
// (think time, jitter, an idle verifier) is a sleep, which leaves the host idle. An execution is
// sized at ms x the host's speed, so on a host that nothing else uses it takes exactly `ms`.
//
// Where nothing can tell an execution from a sleep of the same length (no energy plugin, no
// speed profile, one actor computing per host: the generated star without powers, see
// computing_is_execution), computing is a sleep: SimGrid then has no CPU model to solve for it,
// which saves it about a fifth of its work per round.
#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Engine.hpp>
#include <simgrid/s4u/Exec.hpp>
#include <simgrid/s4u/Host.hpp>

namespace dsdsi {

inline double now_ms() { return simgrid::s4u::Engine::get_clock() * 1e3; }
inline void spend_ms(double ms) {
  if (ms > 0) simgrid::s4u::this_actor::sleep_for(ms * 1e-3);
}
inline double flops_for_ms(double ms) {
  return ms * 1e-3 * simgrid::s4u::this_actor::get_host()->get_speed();
}
// `as_execution`: an execution on the actor's host; otherwise a sleep of the same length (see
// above).
inline void compute_ms(double ms, bool as_execution) {
  if (!(ms > 0)) return;
  if (as_execution) {
    simgrid::s4u::this_actor::execute(flops_for_ms(ms));
  } else {
    simgrid::s4u::this_actor::sleep_for(ms * 1e-3);
  }
}

// A computation in the background (pipelined drafting): an execution, or, when computing is a
// sleep, only its end (nothing to simulate until someone waits for it). Times in seconds, as
// SimGrid keeps them, so that waiting for it ends exactly where a sleep of its length would.
class BackgroundComputation {
 public:
  BackgroundComputation(double ms, bool as_execution) {
    if (!(ms > 0)) return;
    if (as_execution) {
      exec_ = simgrid::s4u::this_actor::exec_async(flops_for_ms(ms));
    } else {
      end_s_ = simgrid::s4u::Engine::get_clock() + ms * 1e-3;
    }
  }
  // The execution (null when computing is a sleep, or ms <= 0).
  const simgrid::s4u::ExecPtr& execution() const { return exec_; }
  bool running() const {
    return exec_ ? !exec_->test() : simgrid::s4u::Engine::get_clock() < end_s_;
  }
  void wait() {
    if (exec_) {
      exec_->wait();
    } else if (running()) {
      simgrid::s4u::this_actor::sleep_until(end_s_);
    }
  }
  // Stops it where it is: a running execution is cancelled (the host is idle from now).
  void stop() {
    if (exec_ && !exec_->test()) exec_->cancel();
    end_s_ = 0;
  }

 private:
  simgrid::s4u::ExecPtr exec_;
  double end_s_ = 0;
};

}  // namespace dsdsi
