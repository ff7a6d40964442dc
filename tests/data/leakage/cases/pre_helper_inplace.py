# %%
def impute_missing(frame):
    for col in ["age", "bmi"]:
        frame[col] = frame[col].fillna(frame[col].median())
# %%
patients = pd.read_csv("patients.csv")
impute_missing(patients)
# %%
X_train, X_test, y_train, y_test = train_test_split(patients[["age", "bmi"]], patients["stroke"], random_state=0)
model = LogisticRegression().fit(X_train, y_train)
print(f1_score(y_test, model.predict(X_test)))
