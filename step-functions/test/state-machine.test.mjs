// Runs the EKS state machine in a local Step Functions interpreter through each of its paths. The
// Kubernetes and SNS calls are replaced by local handlers that record what they were asked and
// answer as EKS and SNS would.
import './node20-polyfill.mjs';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { StateMachine, ExecutionError } from 'aws-local-stepfunctions';

const definition = JSON.parse(readFileSync(new URL('../bulk-import-eks.asl.json', import.meta.url)));
const baseInput = JSON.parse(readFileSync(new URL('./execution-input.json', import.meta.url)));

class TaskFailed extends Error {
  constructor(name, message) {
    super(message);
    this.name = name;
  }
}

/** Runs the machine; handlers answer each Task state by name. Returns what happened. */
async function run({ input = baseInput, driverPhase = 'Succeeded', submitFails = false, deleteFailures = 0, noDriver = false } = {}) {
  const calls = [];
  let deletesFailed = 0;
  const record = (state) => (request) => {
    calls.push({ state, request });
    return request;
  };
  const handlers = {
    RunSparkSubmit: (request) => {
      record('RunSparkSubmit')(request);
      if (submitFails) {
        throw new TaskFailed('States.TaskFailed', 'Job sediment-submit-x failed: BackoffLimitExceeded');
      }
      return { status: { succeeded: 1 } };
    },
    CheckDriver: (request) => {
      record('CheckDriver')(request);
      if (noDriver) {
        throw new TaskFailed('EKS.404', 'pods "job-1" not found');
      }
      return { ResponseBody: { metadata: { name: input.jobId }, status: { phase: driverPhase } }, StatusCode: 200 };
    },
    DeleteDriverPod: (request) => {
      record('DeleteDriverPod')(request);
      if (deletesFailed < deleteFailures) {
        deletesFailed++;
        throw new TaskFailed('EKS.500', 'Internal error');
      }
      return { StatusCode: 200 };
    },
    DeleteSubmitJob: (request) => {
      record('DeleteSubmitJob')(request);
      return { StatusCode: 200 };
    },
    Notify: (request) => {
      record('Notify')(request);
      return { MessageId: 'm-1' };
    },
  };
  const machine = new StateMachine(definition, { validationOptions: { checkArn: true, checkPaths: true } });
  const execution = machine.run(input, {
    overrides: {
      taskResourceLocalHandlers: handlers,
      retryIntervalOverrides: { RunSparkSubmit: 0, CheckDriver: 0, DeleteDriverPod: 0, DeleteSubmitJob: 0, Notify: 0 },
    },
  });
  let output;
  let error;
  try {
    output = await execution.result;
  } catch (e) {
    error = e;
  }
  return { calls, output, error, states: calls.map((c) => c.state) };
}

test('a job whose driver succeeds is cleaned up: driver pod and submit job deleted, no notification', async () => {
  const { calls, error, states } = await run();

  assert.equal(error, undefined);
  assert.deepEqual(states, ['RunSparkSubmit', 'CheckDriver', 'DeleteDriverPod', 'DeleteSubmitJob']);
  const submit = calls[0].request;
  assert.equal(submit.ClusterName, 'my-eks');
  assert.equal(submit.Namespace, 'sleeper-test-bulk-import');
  const pod = submit.Job.spec.template.spec;
  assert.equal(pod.serviceAccountName, 'spark-submit');
  assert.equal(pod.restartPolicy, 'Never');
  assert.equal(pod.containers[0].image, baseInput.image);
  assert.deepEqual(pod.containers[0].command, ['/opt/spark/bin/spark-submit']);
  assert.deepEqual(pod.containers[0].args, baseInput.sparkSubmitArgs);
  assert.equal(submit.Job.metadata.labels['sediment-job-id'], 'job-1');
  assert.equal(submit.Job.spec.backoffLimit, 0);

  assert.equal(calls[1].request.Method, 'GET');
  assert.equal(calls[1].request.Path, '/api/v1/namespaces/sleeper-test-bulk-import/pods/job-1');
  assert.equal(calls[2].request.Method, 'DELETE');
  assert.equal(calls[2].request.Path, '/api/v1/namespaces/sleeper-test-bulk-import/pods/job-1');
  assert.equal(calls[3].request.Path, '/apis/batch/v1/namespaces/sleeper-test-bulk-import/jobs');
  assert.deepEqual(calls[3].request.QueryParameters, { labelSelector: ['sediment-job-id=job-1'], propagationPolicy: ['Background'] });
});

test('a job whose Spark driver fails keeps its pods, notifies the errors topic and fails', async () => {
  const { calls, error, states } = await run({ driverPhase: 'Failed' });

  assert.ok(error instanceof ExecutionError, 'execution fails');
  assert.match(error.message, /The Spark job failed or could not be submitted; its pods are kept/);
  assert.deepEqual(states, ['RunSparkSubmit', 'CheckDriver', 'Notify']);
  const notify = calls[2].request;
  assert.equal(notify.TopicArn, baseInput.errorsTopicArn);
  assert.equal(notify.Subject, 'Sediment job job-1 failed on EKS');
  assert.equal(notify.Message,
    'Job job-1 failed on EKS. Its pods are kept in namespace sleeper-test-bulk-import: kubectl logs pods/job-1 -n sleeper-test-bulk-import');
});

test('a job whose spark-submit fails keeps its pods and notifies', async () => {
  const { error, states } = await run({ submitFails: true });

  assert.ok(error instanceof ExecutionError);
  assert.deepEqual(states, ['RunSparkSubmit', 'Notify']);
});

test('a job whose driver pod never appeared is a failure', async () => {
  const { error, states } = await run({ noDriver: true });

  assert.ok(error instanceof ExecutionError);
  assert.deepEqual(states, ['RunSparkSubmit', 'CheckDriver', 'Notify']);
});

test('a still-running driver is not treated as success', async () => {
  const { error, states } = await run({ driverPhase: 'Running' });

  assert.ok(error instanceof ExecutionError);
  assert.deepEqual(states, ['RunSparkSubmit', 'CheckDriver', 'Notify']);
});

test('a failure without an errors topic still fails the execution', async () => {
  const { errorsTopicArn, ...input } = baseInput;
  const { error, states } = await run({ input, driverPhase: 'Failed' });

  assert.ok(error instanceof ExecutionError);
  assert.deepEqual(states, ['RunSparkSubmit', 'CheckDriver']);
});

test('clean-up is retried when the API server fails for a moment', async () => {
  const { error, states } = await run({ deleteFailures: 2 });

  assert.equal(error, undefined);
  assert.deepEqual(states, ['RunSparkSubmit', 'CheckDriver', 'DeleteDriverPod', 'DeleteDriverPod', 'DeleteDriverPod',
    'DeleteSubmitJob']);
});

test('a clean-up that keeps failing is reported, but the job still succeeds', async () => {
  const { calls, error, states } = await run({ deleteFailures: 10 });

  assert.equal(error, undefined);
  assert.deepEqual(states, ['RunSparkSubmit', 'CheckDriver', 'DeleteDriverPod', 'DeleteDriverPod', 'DeleteDriverPod',
    'DeleteDriverPod', 'Notify']);
  const notify = calls.at(-1).request;
  assert.equal(notify.Subject, 'Sediment job job-1 succeeded but its pods were not deleted');
  assert.match(notify.Message, /kubectl delete pod job-1 -n sleeper-test-bulk-import/);
});
