// platform.cc: the v8::Platform mrt gives V8. V8's default platform does the work (worker
// threads, per-isolate task queues); this wrapper adds what an event loop needs:
//  - a foreground task V8 posts for an isolate (from any thread) wakes that runtime's loop
//    through the waker core/ registered (shim_isolate_set_waker); a delayed one is recorded
//    so the loop can arm a timer for it (shim_run_tasks returns the next deadline);
//  - worker tasks in flight are counted, so background work whose end posts a foreground
//    task (an async WebAssembly compile) can keep a loop alive (shim_tasks_busy).
// V8 10.2 API. Newer V8 made the posting methods non-virtual (TaskRunner::PostTaskImpl,
// Platform::PostTaskOnWorkerThreadImpl, CreateJobImpl, all with a SourceLocation): porting
// means overriding those instead; the structure stays.
#include <libplatform/libplatform.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <functional>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "shim_internal.h"

namespace {

// One isolate's link to its loop. Shared by the task runner V8 holds (it may outlive the
// isolate inside a pending task) and the registry.
struct Waker {
  std::mutex mu;
  void (*wake)(void *) = nullptr;  // NULL: no loop yet, or the isolate is gone
  void *data = nullptr;
  bool posted = false;          // a task was posted while no waker was set
  std::vector<double> delayed;  // min-heap of delayed tasks' deadlines (platform clock, s)
  int running = 0;              // shim_run_tasks nesting
  bool rewake = false;          // a nested run found work it must leave to the outer one

  // Caller holds mu.
  void notify() {
    if (wake) wake(data);
    else posted = true;
  }
};

v8::Platform *g_inner;  // V8's default platform (PumpMessageLoop needs it, not the wrapper)

// Worker tasks posted and not yet finished (every isolate's), and the wakers to call when
// that count drops to zero. A loop waiting for background work registers first, then reads
// the count; a task decrements, then reads whether anyone waits: with sequentially consistent
// operations on both sides one of them sees the other, so the last end is never missed.
std::atomic<long> g_workers{0};
std::atomic<int> g_idle_waiters{0};

struct Registry {
  std::mutex mu;
  std::unordered_map<v8::Isolate *, std::shared_ptr<v8::TaskRunner>> runners;
  std::unordered_map<v8::Isolate *, std::shared_ptr<Waker>> wakers;
  std::vector<std::shared_ptr<Waker>> idle_waiters;
};

Registry &registry() {
  static Registry *r = new Registry;  // never destroyed: worker threads outlive exit()
  return *r;
}

void workers_idle() {
  if (g_idle_waiters.load() == 0) return;
  Registry &r = registry();
  std::lock_guard<std::mutex> lock(r.mu);
  for (auto &w : r.idle_waiters) {
    std::lock_guard<std::mutex> wl(w->mu);
    if (w->wake) w->wake(w->data);
  }
  r.idle_waiters.clear();
  g_idle_waiters.store(0);
}

class CountedTask final : public v8::Task {
 public:
  explicit CountedTask(std::unique_ptr<v8::Task> task) : task_(std::move(task)) {
    g_workers.fetch_add(1);
  }
  ~CountedTask() override {
    task_.reset();  // whatever its end posts is posted before the count drops
    if (g_workers.fetch_sub(1) == 1) workers_idle();
  }
  void Run() override { task_->Run(); }

 private:
  std::unique_ptr<v8::Task> task_;
};

class ForegroundRunner final : public v8::TaskRunner {
 public:
  ForegroundRunner(std::shared_ptr<v8::TaskRunner> inner, std::shared_ptr<Waker> waker)
      : inner_(std::move(inner)), waker_(std::move(waker)) {}

  void PostTask(std::unique_ptr<v8::Task> task) override {
    inner_->PostTask(std::move(task));
    Posted();
  }
  void PostNonNestableTask(std::unique_ptr<v8::Task> task) override {
    inner_->PostNonNestableTask(std::move(task));
    Posted();
  }
  void PostDelayedTask(std::unique_ptr<v8::Task> task, double delay_s) override {
    inner_->PostDelayedTask(std::move(task), delay_s);
    PostedDelayed(delay_s);
  }
  void PostNonNestableDelayedTask(std::unique_ptr<v8::Task> task, double delay_s) override {
    inner_->PostNonNestableDelayedTask(std::move(task), delay_s);
    PostedDelayed(delay_s);
  }
  void PostIdleTask(std::unique_ptr<v8::IdleTask> task) override {
    inner_->PostIdleTask(std::move(task));  // never: idle tasks are disabled
  }
  bool IdleTasksEnabled() override { return inner_->IdleTasksEnabled(); }
  bool NonNestableTasksEnabled() const override { return inner_->NonNestableTasksEnabled(); }
  bool NonNestableDelayedTasksEnabled() const override {
    return inner_->NonNestableDelayedTasksEnabled();
  }

 private:
  void Posted() {
    std::lock_guard<std::mutex> lock(waker_->mu);
    waker_->notify();
  }
  void PostedDelayed(double delay_s) {
    // Read after the inner runner took its own reading: this deadline is never the earlier
    // one, so when it has passed the task is due.
    double deadline = g_inner->MonotonicallyIncreasingTime() + delay_s;
    std::lock_guard<std::mutex> lock(waker_->mu);
    auto &d = waker_->delayed;
    d.push_back(deadline);
    std::push_heap(d.begin(), d.end(), std::greater<double>());
    if (d.front() == deadline) waker_->notify();  // the new earliest: the loop re-arms
  }

  std::shared_ptr<v8::TaskRunner> inner_;
  std::shared_ptr<Waker> waker_;
};

class Platform final : public v8::Platform {
 public:
  explicit Platform(std::unique_ptr<v8::Platform> inner) : inner_(std::move(inner)) {}

  v8::PageAllocator *GetPageAllocator() override { return inner_->GetPageAllocator(); }
  v8::ZoneBackingAllocator *GetZoneBackingAllocator() override {
    return inner_->GetZoneBackingAllocator();
  }
  void OnCriticalMemoryPressure() override { inner_->OnCriticalMemoryPressure(); }
  bool OnCriticalMemoryPressure(size_t length) override {
    return inner_->OnCriticalMemoryPressure(length);
  }
  int NumberOfWorkerThreads() override { return inner_->NumberOfWorkerThreads(); }

  std::shared_ptr<v8::TaskRunner> GetForegroundTaskRunner(v8::Isolate *isolate) override {
    Registry &r = registry();
    std::lock_guard<std::mutex> lock(r.mu);
    auto it = r.runners.find(isolate);
    if (it != r.runners.end()) return it->second;
    auto waker = std::make_shared<Waker>();
    auto runner = std::make_shared<ForegroundRunner>(inner_->GetForegroundTaskRunner(isolate),
                                                     waker);
    r.wakers[isolate] = waker;
    r.runners[isolate] = runner;
    return runner;
  }

  void CallOnWorkerThread(std::unique_ptr<v8::Task> task) override {
    inner_->CallOnWorkerThread(std::make_unique<CountedTask>(std::move(task)));
  }
  void CallBlockingTaskOnWorkerThread(std::unique_ptr<v8::Task> task) override {
    inner_->CallBlockingTaskOnWorkerThread(std::make_unique<CountedTask>(std::move(task)));
  }
  void CallLowPriorityTaskOnWorkerThread(std::unique_ptr<v8::Task> task) override {
    inner_->CallLowPriorityTaskOnWorkerThread(std::make_unique<CountedTask>(std::move(task)));
  }
  // Not counted while it waits for its delay (nothing may keep a loop alive that long).
  void CallDelayedOnWorkerThread(std::unique_ptr<v8::Task> task, double delay_s) override {
    inner_->CallDelayedOnWorkerThread(std::move(task), delay_s);
  }
  bool IdleTasksEnabled(v8::Isolate *isolate) override {
    return inner_->IdleTasksEnabled(isolate);
  }
  // The default platform's jobs, with their worker tasks posted through this wrapper (so
  // they are counted), as the default platform's PostJob does for itself.
  std::unique_ptr<v8::JobHandle> PostJob(v8::TaskPriority priority,
                                         std::unique_ptr<v8::JobTask> job_task) override {
    size_t threads = static_cast<size_t>(NumberOfWorkerThreads());
    if (priority == v8::TaskPriority::kBestEffort) threads = std::min<size_t>(threads, 2);
    return v8::platform::NewDefaultJobHandle(this, priority, std::move(job_task), threads);
  }
  double MonotonicallyIncreasingTime() override { return inner_->MonotonicallyIncreasingTime(); }
  double CurrentClockTimeMillis() override { return inner_->CurrentClockTimeMillis(); }
  StackTracePrinter GetStackTracePrinter() override { return inner_->GetStackTracePrinter(); }
  v8::TracingController *GetTracingController() override {
    return inner_->GetTracingController();
  }
  void DumpWithoutCrashing() override { inner_->DumpWithoutCrashing(); }
  v8::HighAllocationThroughputObserver *GetHighAllocationThroughputObserver() override {
    return inner_->GetHighAllocationThroughputObserver();
  }

 private:
  std::unique_ptr<v8::Platform> inner_;
};

v8::Platform *g_platform;  // the wrapper V8 was given

std::shared_ptr<Waker> waker_of(v8::Isolate *isolate) {
  Registry &r = registry();
  {
    std::lock_guard<std::mutex> lock(r.mu);
    auto it = r.wakers.find(isolate);
    if (it != r.wakers.end()) return it->second;
  }
  g_platform->GetForegroundTaskRunner(isolate);  // makes the pair
  std::lock_guard<std::mutex> lock(r.mu);
  return r.wakers[isolate];
}

// Most tasks one shim_run_tasks runs; more wait for the next wake-up, after the loop's other
// phases (a task that keeps posting tasks cannot starve timers and I/O).
constexpr int kTasksPerRun = 64;

}  // namespace

namespace shim {

std::unique_ptr<v8::Platform> platform_new(int worker_threads) {
  std::unique_ptr<v8::Platform> inner = v8::platform::NewDefaultPlatform(worker_threads);
  g_inner = inner.get();
  auto platform = std::make_unique<Platform>(std::move(inner));
  g_platform = platform.get();
  return platform;
}

void platform_isolate_shutdown(v8::Isolate *isolate) {
  Registry &r = registry();
  {
    std::lock_guard<std::mutex> lock(r.mu);
    auto it = r.wakers.find(isolate);
    if (it != r.wakers.end()) {
      std::shared_ptr<Waker> w = it->second;
      {
        std::lock_guard<std::mutex> wl(w->mu);
        w->wake = nullptr;  // from here on nothing reaches the runtime's loop
        w->data = nullptr;
      }
      auto &v = r.idle_waiters;
      v.erase(std::remove(v.begin(), v.end(), w), v.end());
    }
  }
  // Deletes the tasks still queued (before Dispose, as node and d8 do; a task's destructor
  // may use the isolate); later posts are dropped. Outside our lock: destructors may post.
  v8::platform::NotifyIsolateShutdown(g_inner, isolate);
}

void platform_isolate_forget(v8::Isolate *isolate) {
  Registry &r = registry();
  std::lock_guard<std::mutex> lock(r.mu);
  r.wakers.erase(isolate);  // the address may be reused by the next isolate
  r.runners.erase(isolate);
}

}  // namespace shim

extern "C" {

void shim_isolate_set_waker(shim_isolate *iso, void (*wake)(void *data), void *data) {
  std::shared_ptr<Waker> w = waker_of(iso->isolate);
  std::lock_guard<std::mutex> lock(w->mu);
  w->wake = wake;
  w->data = data;
  if (wake && (w->posted || !w->delayed.empty())) wake(data);
  w->posted = false;
}

int shim_run_tasks(shim_isolate *iso, int64_t *next_delay_ms) {
  v8::Isolate *isolate = iso->isolate;
  std::shared_ptr<Waker> w = waker_of(isolate);
  *next_delay_ms = -1;
  {
    std::lock_guard<std::mutex> lock(w->mu);
    if (w->running) {  // a task's JS ran a loop: leave the queue to the outer run
      w->rewake = true;
      return 0;
    }
    w->running++;
  }
  double now = g_inner->MonotonicallyIncreasingTime();
  int ran = 0;
  {
    v8::Isolate::Scope isolate_scope(isolate);
    v8::HandleScope handle_scope(isolate);
    v8::Context::Scope context_scope(iso->context.Get(isolate));
    while (ran < kTasksPerRun &&
           v8::platform::PumpMessageLoop(g_inner, isolate,
                                         v8::platform::MessageLoopBehavior::kDoNotWait)) {
      ran++;
      if (isolate->IsExecutionTerminating()) break;
    }
  }
  std::lock_guard<std::mutex> lock(w->mu);
  w->running--;
  // Delayed tasks due by `now` were moved to the queue and ran (or wait in it).
  auto &d = w->delayed;
  while (!d.empty() && d.front() <= now) {
    std::pop_heap(d.begin(), d.end(), std::greater<double>());
    d.pop_back();
  }
  if (!d.empty()) *next_delay_ms = static_cast<int64_t>(std::ceil((d.front() - now) * 1000));
  if (ran == kTasksPerRun || w->rewake || isolate->IsExecutionTerminating()) {
    w->rewake = false;
    w->notify();  // more may be queued: another turn
  }
  return ran;
}

int shim_tasks_busy(shim_isolate *iso) {
  if (g_workers.load() == 0) return 0;
  std::shared_ptr<Waker> w = waker_of(iso->isolate);
  Registry &r = registry();
  {
    std::lock_guard<std::mutex> lock(r.mu);
    if (std::find(r.idle_waiters.begin(), r.idle_waiters.end(), w) == r.idle_waiters.end()) {
      r.idle_waiters.push_back(w);
    }
    g_idle_waiters.store(1);
  }
  if (g_workers.load() != 0) return 1;
  // Ended meanwhile; its end may or may not have seen us: a spurious wake-up is harmless.
  return 0;
}

}  // extern "C"
