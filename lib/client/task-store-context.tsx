"use client";

import { createContext, useContext, useState, type ReactNode } from "react";
import { TaskStore } from "./task-store";

const TaskStoreContext = createContext<TaskStore | null>(null);

export function TaskStoreProvider({ children }: { children: ReactNode }) {
  const [store] = useState(() => new TaskStore());
  return <TaskStoreContext.Provider value={store}>{children}</TaskStoreContext.Provider>;
}

export function useTaskStore(): TaskStore {
  const store = useContext(TaskStoreContext);
  if (!store) throw new Error("useTaskStore needs <TaskStoreProvider>");
  return store;
}
