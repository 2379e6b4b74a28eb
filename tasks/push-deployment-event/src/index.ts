import { createTaskIo } from './create-task-io';
import { run } from './run';

void run(createTaskIo());
