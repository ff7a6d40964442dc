# %%
def balance(X, y):
    return SMOTE(random_state=0).fit_resample(X, y)
# %%
df = pd.read_csv("creditcard.csv")
X_bal, y_bal = balance(df.drop(columns="Class"), df["Class"])
X_train, X_test, y_train, y_test = train_test_split(X_bal, y_bal, random_state=0)
print(f1_score(y_test, LogisticRegression().fit(X_train, y_train).predict(X_test)))
